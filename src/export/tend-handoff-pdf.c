// A handoff plan as a kickoff PDF: the same document from the window and the CLI.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-handoff-pdf.h"

/* Documents are written in English, as the CLI's and the packs' are. */

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

static const char *
or_dash (const char *text)
{
  return has_text (text) ? text : "—";
}

static const char *
state_label (TendHandoffState state)
{
  switch (state)
    {
    case TEND_HANDOFF_DRAFT:     return "Draft";
    case TEND_HANDOFF_SUBMITTED: return "Submitted for review";
    case TEND_HANDOFF_ACCEPTED:  return "Accepted";
    case TEND_HANDOFF_RETURNED:  return "Returned to sales";
    case TEND_N_HANDOFF_STATES:
    default:                     return "Unknown";
    }
}

static const char *
objective_status_label (TendObjectiveStatus status)
{
  switch (status)
    {
    case TEND_OBJECTIVE_NOT_STARTED: return "Not started";
    case TEND_OBJECTIVE_ON_TRACK:    return "On track";
    case TEND_OBJECTIVE_AT_RISK:     return "At risk";
    case TEND_OBJECTIVE_ACHIEVED:    return "Achieved";
    case TEND_N_OBJECTIVE_STATUSES:
    default:                         return "Unknown";
    }
}

static const char *
commitment_status_label (TendCommitmentStatus status)
{
  switch (status)
    {
    case TEND_COMMITMENT_PENDING:   return "Pending";
    case TEND_COMMITMENT_DELIVERED: return "Delivered";
    case TEND_COMMITMENT_AT_RISK:   return "At risk";
    case TEND_COMMITMENT_MISSED:    return "Missed";
    case TEND_N_COMMITMENT_STATUSES:
    default:                        return "Unknown";
    }
}

/* "Test Runner, 2026-11-23" from who and an ISO 8601 instant. */
static char *
who_and_day (const char *who,
             const char *when)
{
  return g_strdup_printf ("%s, %.10s", or_dash (who), when != NULL ? when : "");
}

static void
write_summary (const TendHandoffPlan     *plan,
               const TendHandoffPdfNames *names,
               TendPdf                   *pdf)
{
  tend_pdf_key_value (pdf, "Account", or_dash (names->account_name));
  if (plan->deal_id != NULL)
    {
      g_autofree char *deal = has_text (names->deal_name)
                              ? g_strdup_printf ("%s (%s)", names->deal_name, plan->deal_id)
                              : g_strdup (plan->deal_id);

      tend_pdf_key_value (pdf, "Deal", deal);
    }
  if (has_text (names->rep_name))
    tend_pdf_key_value (pdf, "Sales rep", names->rep_name);
  tend_pdf_key_value (pdf, "State", state_label (plan->state));
  tend_pdf_key_value (pdf, "Kickoff", or_dash (plan->kickoff_date));
  tend_pdf_key_value (pdf, "Go-live target", or_dash (plan->go_live_target));
  if (plan->submitted_by != NULL)
    {
      g_autofree char *text = who_and_day (plan->submitted_by, plan->submitted_at);
      tend_pdf_key_value (pdf, "Submitted", text);
    }
  if (plan->state == TEND_HANDOFF_ACCEPTED && plan->accepted_by != NULL)
    {
      g_autofree char *text = who_and_day (plan->accepted_by, plan->accepted_at);
      tend_pdf_key_value (pdf, "Accepted", text);
    }
  if (plan->state == TEND_HANDOFF_RETURNED && has_text (plan->return_comment))
    {
      g_autofree char *text = who_and_day (plan->returned_by, plan->returned_at);
      tend_pdf_key_value (pdf, "Returned", text);
      tend_pdf_key_value (pdf, "Return comment", plan->return_comment);
    }
}

static void
write_objectives (const TendHandoffPlan *plan,
                  TendPdf               *pdf)
{
  tend_pdf_heading (pdf, 1, "Customer objectives");
  if (plan->objectives->len == 0)
    {
      tend_pdf_paragraph (pdf, "No objectives written yet.");
      return;
    }
  for (guint i = 0; i < plan->objectives->len; i++)
    {
      const TendHandoffObjective *o = g_ptr_array_index (plan->objectives, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1,
                                                has_text (o->objective) ? o->objective : "(objective not written)");

      tend_pdf_heading (pdf, 3, title);
      tend_pdf_key_value (pdf, "Success metric", or_dash (o->success_metric));
      tend_pdf_key_value (pdf, "Target value", or_dash (o->target_value));
      tend_pdf_key_value (pdf, "Target date", or_dash (o->target_date));
      if (plan->state != TEND_HANDOFF_ACCEPTED)
        continue;
      tend_pdf_key_value (pdf, "Status", objective_status_label (o->status));
      for (guint k = o->progress->len; k > 0; k--)
        {
          const TendHandoffProgressNote *n = g_ptr_array_index (o->progress, k - 1);
          g_autofree char *line = g_strdup_printf ("%.10s, %s — %s%s%s",
                                                   n->noted_at != NULL ? n->noted_at : "", or_dash (n->noted_by),
                                                   objective_status_label (n->status),
                                                   has_text (n->note) ? ": " : "",
                                                   has_text (n->note) ? n->note : "");
          tend_pdf_note (pdf, line);
        }
    }
}

static void
write_stakeholders (const TendHandoffPlan *plan,
                    TendPdf               *pdf)
{
  const char *headers[] = { "Name", "Role", "Email", "Part in the deal", NULL };
  const double widths[] = { 2, 2, 2.6, 2.4 };

  tend_pdf_heading (pdf, 1, "Stakeholders");
  if (plan->stakeholders->len == 0)
    {
      tend_pdf_paragraph (pdf, "No stakeholders written yet.");
      return;
    }
  tend_pdf_table_begin (pdf, 4, headers, widths, NULL);
  for (guint i = 0; i < plan->stakeholders->len; i++)
    {
      const TendHandoffStakeholder *s = g_ptr_array_index (plan->stakeholders, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      const char *cells[4];

      if (s->is_champion)
        g_ptr_array_add (parts, (gpointer) "Champion");
      if (s->is_decision_maker)
        g_ptr_array_add (parts, (gpointer) "Decision maker");
      if (s->is_executive_sponsor)
        g_ptr_array_add (parts, (gpointer) "Executive sponsor");
      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv (", ", (char **) parts->pdata);
      cells[0] = or_dash (s->name);
      cells[1] = or_dash (s->role);
      cells[2] = or_dash (s->email);
      cells[3] = or_dash (joined);
      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_commitments (const TendHandoffPlan *plan,
                   TendPdf               *pdf)
{
  const char *headers[] = { "Commitment made during the sale", "Due by", "Delivery", NULL };
  const double widths[] = { 5, 1.6, 1.6 };

  tend_pdf_heading (pdf, 1, "Commitments");
  if (plan->commitments->len == 0)
    {
      tend_pdf_paragraph (pdf, "No commitments recorded.");
      return;
    }
  tend_pdf_table_begin (pdf, 3, headers, widths, NULL);
  for (guint i = 0; i < plan->commitments->len; i++)
    {
      const TendHandoffCommitment *c = g_ptr_array_index (plan->commitments, i);
      const char *cells[] = { or_dash (c->what), or_dash (c->due_date), commitment_status_label (c->status) };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_products (const TendHandoffPlan *plan,
                TendPdf               *pdf)
{
  const char *headers[] = { "Product", "Seats", NULL };
  const double widths[] = { 5, 1.6 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END };

  tend_pdf_heading (pdf, 1, "Products and seats");
  if (plan->products->len == 0)
    {
      tend_pdf_paragraph (pdf, "No products recorded.");
      return;
    }
  tend_pdf_table_begin (pdf, 2, headers, widths, aligns);
  for (guint i = 0; i < plan->products->len; i++)
    {
      const TendHandoffProduct *p = g_ptr_array_index (plan->products, i);
      g_autofree char *seats = p->has_seats ? g_strdup_printf ("%" G_GINT64_FORMAT, p->seats) : g_strdup ("—");
      const char *cells[] = { or_dash (p->product), seats };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_risks (const TendHandoffPlan *plan,
             TendPdf               *pdf)
{
  tend_pdf_heading (pdf, 1, "Known risks");
  if (plan->risks->len == 0)
    {
      tend_pdf_paragraph (pdf, "No known risks recorded.");
      return;
    }
  for (guint i = 0; i < plan->risks->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1, or_dash (g_ptr_array_index (plan->risks, i)));

      tend_pdf_paragraph (pdf, line);
    }
}

static void
write_checklist (const TendHandoffPlan *plan,
                 TendPdf               *pdf)
{
  const char *headers[] = { "Onboarding step", "Done", NULL };
  const double widths[] = { 5, 2.4 };

  tend_pdf_heading (pdf, 1, "Onboarding checklist");
  if (plan->checklist->len == 0)
    {
      tend_pdf_paragraph (pdf, "The plan has no checklist.");
      return;
    }
  tend_pdf_table_begin (pdf, 2, headers, widths, NULL);
  for (guint i = 0; i < plan->checklist->len; i++)
    {
      const TendHandoffChecklistItem *item = g_ptr_array_index (plan->checklist, i);
      g_autofree char *done = item->is_done ? who_and_day (item->done_by, item->done_at) : g_strdup ("Not yet");
      const char *cells[] = { or_dash (item->item), done };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

char *
tend_handoff_pdf_get_title (const TendHandoffPlan     *plan,
                            const TendHandoffPdfNames *names)
{
  g_return_val_if_fail (plan != NULL && names != NULL, NULL);

  return g_strdup_printf ("Kickoff — %s", or_dash (names->account_name));
}

void
tend_handoff_pdf_write (const TendHandoffPlan     *plan,
                        const TendHandoffPdfNames *names,
                        TendPdf                   *pdf)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (plan != NULL && names != NULL && pdf != NULL);

  title = tend_handoff_pdf_get_title (plan, names);
  subtitle = g_strdup_printf ("Sales-to-customer-success handoff plan %" G_GINT64_FORMAT, plan->id);
  tend_pdf_title (pdf, title, subtitle);
  write_summary (plan, names, pdf);
  write_objectives (plan, pdf);
  write_stakeholders (plan, pdf);
  write_commitments (plan, pdf);
  write_products (plan, pdf);
  write_risks (plan, pdf);
  write_checklist (plan, pdf);
  if (has_text (plan->notes))
    {
      tend_pdf_heading (pdf, 1, "Notes");
      tend_pdf_paragraph (pdf, plan->notes);
    }
}

gboolean
tend_handoff_pdf_save (const TendHandoffPlan     *plan,
                       const TendHandoffPdfNames *names,
                       TendPaper                  paper,
                       const char                *path,
                       GError                   **error)
{
  g_autoptr(TendPdf) pdf = NULL;
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;

  g_return_val_if_fail (plan != NULL && names != NULL && path != NULL, FALSE);

  title = tend_handoff_pdf_get_title (plan, names);
  footer = g_strdup_printf ("%s · handoff plan %" G_GINT64_FORMAT " · %s", or_dash (names->account_name),
                            plan->id, state_label (plan->state));
  pdf = tend_pdf_new (paper, title, footer);
  tend_handoff_pdf_write (plan, names, pdf);
  return tend_pdf_save (pdf, path, error);
}
