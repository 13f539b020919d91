// The QBR pack of DOMAIN.md 9: one account's quarter, made offline as a PDF.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-alerts.h"
#include "tend-chart.h"
#include "tend-error.h"
#include "tend-handoff.h"
#include "tend-money.h"
#include "tend-pack.h"
#include "tend-qbr-notes.h"
#include "tend-qbr.h"
#include "tend-renewals.h"

#define SUPPORT_DAYS     90
#define RELATIONAL_DAYS  180
#define TREND_MONTHS     12
#define MAX_VERBATIMS    20
#define MAX_PROGRESS     5
#define TREND_HEIGHT     150.0
#define USAGE_HEIGHT     44.0

struct _TendQbr
{
  const TendBook    *book;
  const TendAccount *account;
  TendDay            as_of;
  TendDay            period_start;
  double             tier_amber;
  double             tier_green;
  guint              horizon_days;
  TendHealth         health;
  GArray            *trend;          /* TendChartPoint: Julian day, score */
  TendDay            churn_day;
  TendDay            renewal_day;
  TendRenewal       *renewal;        /* NULL when churned or without a renewal day */
  GPtrArray         *alerts;         /* TendHealthAlert, open, newest first */
  GPtrArray         *objectives;     /* TendHandoffObjective: the success plan */
  TendQbrNotes      *notes;          /* NULL when none were written */
};

static const char trend_sql[] =
  "SELECT day, score FROM health_snapshots "
  "WHERE account_id = ?1 AND day > ?2 AND day <= ?3 AND score IS NOT NULL "
  "ORDER BY day";

static gboolean
load_trend (TendQbr    *qbr,
            TendStore  *store,
            GError    **error)
{
  sqlite3_stmt *stmt;
  char from[11], to[11];
  int rc;

  if ((stmt = tend_store_prepare (store, trend_sql, error)) == NULL)
    return FALSE;
  tend_day_format (tend_day_add_months (qbr->as_of, -TREND_MONTHS), from);
  tend_day_format (qbr->as_of, to);
  tend_stmt_bind_text (stmt, 1, qbr->account->id);
  tend_stmt_bind_text (stmt, 2, from);
  tend_stmt_bind_text (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendChartPoint point;
      TendDay day;

      if (!tend_day_parse (tend_stmt_column_text (stmt, 0), &day, NULL))
        continue;
      point.x = day;
      point.y = sqlite3_column_double (stmt, 1);
      g_array_append_val (qbr->trend, point);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, "Could not read the health history");
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_alerts (TendQbr    *qbr,
             TendStore  *store,
             GError    **error)
{
  g_autoptr(GPtrArray) all = tend_health_list_alerts (store, NULL, FALSE, error);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      TendHealthAlert *alert = g_ptr_array_index (all, i);

      /* alerts raised after the as-of day are not part of this quarter */
      if (g_str_equal (alert->account_id, qbr->account->id) && alert->day <= qbr->as_of)
        g_ptr_array_add (qbr->alerts, g_steal_pointer (&all->pdata[i]));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Explanations in words, from the facts behind each component.        */

static char *
days_ago (int days)
{
  if (days <= 0)
    return g_strdup ("today");
  if (days == 1)
    return g_strdup ("yesterday");
  return g_strdup_printf ("%d days ago", days);
}

static char *
explain_usage (const TendHealth *h)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!h->has_usage_ratio)
    {
      if (h->licensed_seats < 0)
        g_string_append (out, "Missing: the number of licensed seats is unknown");
      else if (h->licensed_seats == 0)
        g_string_append (out, "Missing: no licensed seats");
      else
        g_string_append (out, "Missing: active users in the last 30 days are unknown");
    }
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " seats active (%.0f%%)",
                            h->active_users_30d, h->licensed_seats, 100 * h->usage_ratio);
  if (h->days_since_activity >= 0)
    {
      g_autofree char *ago = days_ago (h->days_since_activity);
      g_string_append_printf (out, "; last activity %s", ago);
    }
  if (h->is_usage_capped)
    g_string_append (out, "; capped at 20: no activity for over 30 days");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
explain_support (const TendHealth *h)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean first = TRUE;

  if (h->n_tickets == 0)
    return g_strdup ("No tickets in the last 90 days");
  g_string_append_printf (out, "%u %s in the last 90 days (", h->n_tickets,
                          h->n_tickets == 1 ? "ticket" : "tickets");
  for (int p = TEND_N_PRIORITIES - 1; p >= 0; p--)
    {
      if (h->tickets_by_priority[p] == 0)
        continue;
      g_string_append_printf (out, "%s%u %s", first ? "" : ", ", h->tickets_by_priority[p],
                              tend_priority_to_string (p));
      first = FALSE;
    }
  g_string_append_c (out, ')');
  if (h->n_tickets_doubled > 0)
    g_string_append_printf (out, "; %u open for over 14 days %s twice", h->n_tickets_doubled,
                            h->n_tickets_doubled == 1 ? "counts" : "count");
  g_string_append_printf (out, "; %u %s", h->support_points, h->support_points == 1 ? "point" : "points");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
explain_financial (const TendHealth  *h,
                   const TendAccount *a)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (h->has_spend_trend)
    g_ptr_array_add (parts, g_strdup_printf ("ARR %+.1f%% on a year ago (%.0f)",
                                             100 * h->spend_change, h->spend_trend));
  if (h->has_payment)
    {
      if (h->overdue_amount <= 0)
        g_ptr_array_add (parts, g_strdup_printf ("nothing overdue (%.0f)", h->payment));
      else
        {
          g_autofree char *owed = tend_money_format (h->overdue_amount, a->currency);
          g_ptr_array_add (parts, g_strdup_printf ("%s overdue (%.0f)", owed, h->payment));
        }
    }
  if (h->has_renewal_risk)
    g_ptr_array_add (parts, g_strdup_printf ("renewal risk %s (%.0f)", h->renewal_risk_level,
                                             h->renewal_risk));
  if (parts->len == 0)
    return g_strdup ("Missing: no spend trend, payment data or risk assessment");
  g_ptr_array_add (parts, NULL);
  {
    char *text = g_strjoinv ("; ", (char **) parts->pdata);
    text[0] = g_ascii_toupper (text[0]);
    return text;
  }
}

static char *
explain_relational (const TendHealth *h)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (h->has_nps)
    g_ptr_array_add (parts, g_strdup_printf ("NPS %+.0f over %u %s (%.0f)", h->nps, h->nps_responses,
                                             h->nps_responses == 1 ? "respondent" : "respondents",
                                             h->nps_part));
  if (h->has_csat)
    g_ptr_array_add (parts, g_strdup_printf ("CSAT %.2f of 5 over %u %s (%.0f)", h->csat_mean,
                                             h->csat_responses,
                                             h->csat_responses == 1 ? "response" : "responses",
                                             h->csat_part));
  if (h->has_ces)
    g_ptr_array_add (parts, g_strdup_printf ("CES %.2f of 7 over %u %s (%.0f)", h->ces_mean,
                                             h->ces_responses,
                                             h->ces_responses == 1 ? "respondent" : "respondents",
                                             h->ces_part));
  if (parts->len == 0)
    return g_strdup ("Missing: no survey responses in the last 180 days");
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static char *
explain_component (const TendQbr *qbr,
                   TendComponent  component)
{
  switch (component)
    {
    case TEND_COMPONENT_USAGE:
      return explain_usage (&qbr->health);
    case TEND_COMPONENT_SUPPORT:
      return explain_support (&qbr->health);
    case TEND_COMPONENT_FINANCIAL:
      return explain_financial (&qbr->health, qbr->account);
    case TEND_COMPONENT_RELATIONAL:
      return explain_relational (&qbr->health);
    case TEND_N_COMPONENTS:
    default:
      return g_strdup ("");
    }
}

static const char *
component_label (TendComponent component)
{
  static const char * const labels[TEND_N_COMPONENTS] = {
    "Usage", "Support", "Financial", "Relational",
  };

  return labels[component];
}

static const char *
objective_status_label (TendObjectiveStatus status)
{
  switch (status)
    {
    case TEND_OBJECTIVE_NOT_STARTED:
      return "Not started";
    case TEND_OBJECTIVE_ON_TRACK:
      return "On track";
    case TEND_OBJECTIVE_AT_RISK:
      return "At risk";
    case TEND_OBJECTIVE_ACHIEVED:
      return "Achieved";
    case TEND_N_OBJECTIVE_STATUSES:
    default:
      return "Unknown";
    }
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* "3 objectives: 1 achieved, 1 on track, 1 at risk" */
static char *
summarize_objectives (GPtrArray *objectives)
{
  static const TendObjectiveStatus order[] = {
    TEND_OBJECTIVE_ACHIEVED, TEND_OBJECTIVE_ON_TRACK, TEND_OBJECTIVE_AT_RISK, TEND_OBJECTIVE_NOT_STARTED,
  };
  guint counts[TEND_N_OBJECTIVE_STATUSES] = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint i = 0; i < objectives->len; i++)
    {
      const TendHandoffObjective *o = g_ptr_array_index (objectives, i);
      if ((guint) o->status < TEND_N_OBJECTIVE_STATUSES)
        counts[o->status]++;
    }
  g_string_printf (out, "%u %s: ", objectives->len, objectives->len == 1 ? "objective" : "objectives");
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      g_autofree char *word = NULL;

      if (counts[order[k]] == 0)
        continue;
      word = g_ascii_strdown (objective_status_label (order[k]), -1);
      g_string_append_printf (out, "%s%u %s", first ? "" : ", ", counts[order[k]], word);
      first = FALSE;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

static char *
trend_label (double value)
{
  return tend_day_to_iso ((TendDay) value);
}

static void
write_cover (const TendQbr *qbr,
             TendPdf       *pdf)
{
  const TendAccount *a = qbr->account;
  const TendHealth *h = &qbr->health;
  const char *csm = tend_book_owner_name (qbr->book, a->owner_id);
  g_autofree char *start = tend_pack_format_day (qbr->period_start);
  g_autofree char *end = tend_pack_format_day (qbr->as_of);
  g_autofree char *period = g_strdup_printf ("%s to %s", start, end);
  g_autofree char *subtitle = g_strdup_printf ("Quarterly business review, %s", period);
  g_autofree char *arr = a->has_arr ? tend_money_format (a->arr, a->currency) : g_strdup ("unknown");
  g_autofree char *renewal = tend_pack_format_day (qbr->renewal_day);

  tend_pdf_title (pdf, a->name, subtitle);
  tend_pdf_key_value (pdf, "Account", a->name);
  tend_pdf_key_value (pdf, "Period", period);
  tend_pdf_key_value (pdf, "Customer success manager", csm != NULL && *csm ? csm : "No owner in the CRM");
  tend_pdf_key_value (pdf, "Prepared on", end);
  if (a->segment != NULL)
    tend_pdf_key_value (pdf, "Segment", a->segment);
  tend_pdf_key_value (pdf, "ARR", arr);

  tend_pdf_heading (pdf, 2, "At a glance");
  if (h->is_scored)
    {
      g_autofree char *score = tend_pack_format_score (TRUE, h->score);
      g_autofree char *line = g_strdup_printf ("%s of 100 — %s", score, tend_pack_tier_label (h->tier));

      tend_pdf_key_value (pdf, "Health", line);
      tend_pdf_key_value (pdf, "Lifecycle stage", tend_stage_to_string (h->stage));
    }
  else
    {
      g_autofree char *churn = tend_pack_format_day (qbr->churn_day);
      g_autofree char *line = g_strdup_printf ("Not scored: churned on %s", churn);

      tend_pdf_key_value (pdf, "Health", line);
    }
  if (qbr->objectives->len > 0)
    {
      g_autofree char *plan = summarize_objectives (qbr->objectives);
      tend_pdf_key_value (pdf, "Success plan", plan);
    }
  tend_pdf_key_value (pdf, "Renewal date", renewal);
  if (qbr->renewal != NULL)
    tend_pdf_key_value (pdf, "Renewal risk",
                        qbr->renewal->assessment != NULL
                        ? tend_risk_to_string (qbr->renewal->assessment->risk)
                        : "not assessed");
  {
    g_autofree char *n = g_strdup_printf ("%u", qbr->alerts->len);
    tend_pdf_key_value (pdf, "Open alerts", n);
  }
  tend_pdf_spacer (pdf, 12);
  tend_pdf_note (pdf, "Made by Tend from the workspace's cached CRM data; every figure follows the "
                      "definitions of the health score, renewals and success plans in Tend.");
  tend_pdf_page_break (pdf);
}

static void
write_health (const TendQbr *qbr,
              TendPdf       *pdf)
{
  const TendHealth *h = &qbr->health;
  const char *headers[] = { "Component", "Value", "Weight", "Points", "Explanation", NULL };
  const double widths[] = { 1.35, 0.7, 0.7, 0.7, 3.6 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_END,
                               TEND_ALIGN_START };

  tend_pdf_heading (pdf, 1, "Health score");
  if (!h->is_scored)
    {
      g_autofree char *churn = tend_pack_format_day (qbr->churn_day);
      g_autofree char *text = g_strdup_printf ("The account churned on %s, so it has no health score "
                                               "on this date.", churn);
      tend_pdf_paragraph (pdf, text);
    }
  else
    {
      g_autofree char *score = tend_pack_format_score (TRUE, h->score);
      g_autofree char *line = g_strdup_printf ("%s of 100 — %s", score, tend_pack_tier_label (h->tier));
      g_autofree char *bands = g_strdup_printf ("Green from %.0f, amber from %.0f, red below %.0f",
                                                qbr->tier_green, qbr->tier_amber, qbr->tier_amber);
      g_autofree char *coverage = g_strdup_printf ("%.0f%% of the weights have data", 100 * h->coverage);

      tend_pdf_key_value (pdf, "Score", line);
      tend_pdf_key_value (pdf, "Tiers", bands);
      tend_pdf_key_value (pdf, "Lifecycle stage", tend_stage_to_string (h->stage));
      tend_pdf_key_value (pdf, "Coverage", coverage);
      if (h->tier == TEND_TIER_UNKNOWN)
        tend_pdf_note (pdf, "Less than half of the weights have data, so the tier is unknown.");
      if (h->flags & TEND_HEALTH_FLAG_CONFLICT)
        tend_pdf_note (pdf, "Conflicting signals: usage and survey answers disagree.");
    }

  tend_pack_heading (pdf, 2, "Trend over 12 months", TREND_HEIGHT + 50);
  if (qbr->trend->len == 0)
    tend_pdf_paragraph (pdf, "No history yet: the trend appears once Tend has taken health snapshots "
                             "of this account (after each sync, at most once a day).");
  else
    {
      TendChartStyle style;
      double x, y, w;
      cairo_t *cr = tend_pdf_figure (pdf, TREND_HEIGHT, &x, &y, &w);
      const TendChartPoint *first = &g_array_index (qbr->trend, TendChartPoint, 0);
      const TendChartPoint *last = &g_array_index (qbr->trend, TendChartPoint, qbr->trend->len - 1);
      g_autofree char *from = tend_day_to_iso ((TendDay) first->x);
      g_autofree char *to = tend_day_to_iso ((TendDay) last->x);
      g_autofree char *caption = g_strdup_printf ("%u snapshots from %s to %s; the bands are the tiers.",
                                                  qbr->trend->len, from, to);

      tend_chart_style_init_light (&style);
      tend_chart_draw_line (cr, &style, x, y, w, TREND_HEIGHT,
                            (const TendChartPoint *) (void *) qbr->trend->data, qbr->trend->len,
                            qbr->tier_amber, qbr->tier_green, trend_label);
      tend_pdf_note (pdf, caption);
    }

  if (!h->is_scored)
    return;
  tend_pack_heading (pdf, 2, "What makes up the score", 160);
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  for (int c = 0; c < TEND_N_COMPONENTS; c++)
    {
      const TendComponentScore *s = &h->components[c];
      g_autofree char *value = s->present ? g_strdup_printf ("%.1f", s->value) : g_strdup ("missing");
      g_autofree char *weight = g_strdup_printf ("%.0f", s->weight);
      g_autofree char *points = s->present ? g_strdup_printf ("%.1f", s->points) : g_strdup ("—");
      g_autofree char *why = explain_component (qbr, c);
      const char *cells[] = { component_label (c), value, weight, points, why };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
  tend_pdf_note (pdf, "Points are each component's share of the score: weight × value ÷ the sum of the "
                      "weights of the components that have data. Missing components are left out, "
                      "not counted as zero.");
}

static const char *
format_count (double value,
              char   buf[32])
{
  g_snprintf (buf, 32, "%.0f", value);
  return buf;
}

static void
write_usage (const TendQbr *qbr,
             TendPdf       *pdf)
{
  const TendHealth *h = &qbr->health;
  const TendAccount *a = qbr->account;
  g_autofree char *why = explain_usage (h);

  tend_pack_heading (pdf, 1, "Usage", 150);
  tend_pdf_paragraph (pdf, why);
  if (a->has_licensed_seats && a->has_active_users_30d && a->licensed_seats > 0)
    {
      TendChartStyle style;
      TendChartBar bars[2];
      double x, y, w;
      cairo_t *cr;

      tend_chart_style_init_light (&style);
      bars[0] = (TendChartBar) { "Licensed seats", (double) a->licensed_seats, style.unknown };
      bars[1] = (TendChartBar) { "Active users, 30 days", (double) a->active_users_30d, style.line };
      cr = tend_pdf_figure (pdf, USAGE_HEIGHT, &x, &y, &w);
      tend_chart_draw_bars (cr, &style, x, y, w, USAGE_HEIGHT, bars, G_N_ELEMENTS (bars),
                            MAX (a->licensed_seats, a->active_users_30d), format_count);
    }
  if (a->last_activity != TEND_DAY_NONE)
    {
      g_autofree char *day = tend_day_to_iso (a->last_activity);
      tend_pdf_key_value (pdf, "Last product activity", day);
    }
  else
    tend_pdf_key_value (pdf, "Last product activity", "unknown");
  tend_pdf_note (pdf, "Usage scores 100 from 80% of the seats active; it is capped at 20 when the "
                      "last activity is more than 30 days old.");
}

static gboolean
ticket_is_open (const TendTicket *t,
                TendDay           as_of)
{
  return t->created_day <= as_of && (t->closed_day == TEND_DAY_NONE || t->closed_day > as_of);
}

static void
write_support (const TendQbr *qbr,
               TendPdf       *pdf)
{
  const TendAccount *a = qbr->account;
  const TendHealth *h = &qbr->health;
  TendDay from = tend_day_add_days (qbr->as_of, -SUPPORT_DAYS);
  guint open_recent[TEND_N_PRIORITIES] = { 0 };
  guint n_open = 0;
  const char *headers[] = { "Priority", "Created, 90 days", "Still open", "Points", NULL };
  const double widths[] = { 2, 1.4, 1.2, 1 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_END };
  const char *open_headers[] = { "Opened", "Priority", "Subject", "Days open", NULL };
  const double open_widths[] = { 1.1, 0.9, 4.2, 0.9 };
  const TendAlign open_aligns[] = { TEND_ALIGN_START, TEND_ALIGN_START, TEND_ALIGN_START, TEND_ALIGN_END };

  for (guint i = 0; i < a->n_tickets; i++)
    {
      const TendTicket *t = &qbr->book->tickets[a->tickets_start + i];

      if (!ticket_is_open (t, qbr->as_of))
        continue;
      n_open++;
      if (t->created_day > from)
        open_recent[t->priority]++;
    }

  tend_pack_heading (pdf, 1, "Support", 200);
  {
    g_autofree char *why = explain_support (h);
    tend_pdf_paragraph (pdf, why);
  }
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  for (int p = TEND_N_PRIORITIES - 1; p >= 0; p--)
    {
      g_autofree char *created = g_strdup_printf ("%u", h->tickets_by_priority[p]);
      g_autofree char *open = g_strdup_printf ("%u", open_recent[p]);
      g_autofree char *points = g_strdup_printf ("%u", h->points_by_priority[p]);
      g_autofree char *label = g_strdup (tend_priority_to_string (p));
      const char *cells[] = { label, created, open, points };

      label[0] = g_ascii_toupper (label[0]);
      tend_pdf_table_row (pdf, cells);
    }
  {
    g_autofree char *created = g_strdup_printf ("%u", h->n_tickets);
    guint total_open = 0;
    g_autofree char *open = NULL;
    g_autofree char *points = g_strdup_printf ("%u", h->support_points);

    for (int p = 0; p < TEND_N_PRIORITIES; p++)
      total_open += open_recent[p];
    open = g_strdup_printf ("%u", total_open);
    {
      const char *cells[] = { "Total", created, open, points };
      tend_pdf_table_row (pdf, cells);
    }
  }
  tend_pdf_table_end (pdf);

  tend_pack_heading (pdf, 2, "Open tickets", 80);
  if (n_open == 0)
    {
      tend_pdf_paragraph (pdf, "No tickets are open.");
      return;
    }
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (open_widths), open_headers, open_widths, open_aligns);
  /* oldest first: the longest waits lead */
  for (guint i = 0; i < a->n_tickets; i++)
    {
      const TendTicket *t = &qbr->book->tickets[a->tickets_start + i];
      g_autofree char *opened = NULL;
      g_autofree char *age = NULL;

      if (!ticket_is_open (t, qbr->as_of))
        continue;
      opened = tend_pack_format_day (t->created_day);
      age = g_strdup_printf ("%d", (int) qbr->as_of - (int) t->created_day);
      {
        const char *cells[] = { opened, tend_priority_to_string (t->priority),
                                t->subject != NULL && *t->subject ? t->subject : "(no subject)", age };
        tend_pdf_table_row (pdf, cells);
      }
    }
  tend_pdf_table_end (pdf);
}

static void
write_surveys (const TendQbr *qbr,
               TendPdf       *pdf)
{
  const TendAccount *a = qbr->account;
  const TendHealth *h = &qbr->health;
  TendDay from = tend_day_add_days (qbr->as_of, -RELATIONAL_DAYS);
  const char *headers[] = { "Survey", "Counted", "Result", "Score part", NULL };
  const double widths[] = { 2.0, 0.8, 2.6, 0.9 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_END };
  guint shown = 0, more = 0;

  tend_pack_heading (pdf, 1, "Customer feedback", 180);
  tend_pdf_paragraph (pdf, "NPS, CSAT and CES responses of the last 180 days, as the health score "
                           "counts them (for NPS and CES, each respondent's latest answer).");
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  {
    g_autofree char *n = g_strdup_printf ("%u", h->nps_responses);
    g_autofree char *result = h->has_nps ? g_strdup_printf ("%+.0f (%u %s, %u %s)", h->nps,
                                                            h->nps_promoters,
                                                            h->nps_promoters == 1 ? "promoter" : "promoters",
                                                            h->nps_detractors,
                                                            h->nps_detractors == 1 ? "detractor" : "detractors")
                                         : g_strdup ("no responses");
    g_autofree char *part = h->has_nps ? g_strdup_printf ("%.1f", h->nps_part) : g_strdup ("—");
    const char *cells[] = { "NPS (0–10)", n, result, part };
    tend_pdf_table_row (pdf, cells);
  }
  {
    g_autofree char *n = g_strdup_printf ("%u", h->csat_responses);
    g_autofree char *result = h->has_csat ? g_strdup_printf ("%.2f of 5", h->csat_mean)
                                          : g_strdup ("no responses");
    g_autofree char *part = h->has_csat ? g_strdup_printf ("%.1f", h->csat_part) : g_strdup ("—");
    const char *cells[] = { "CSAT (1–5)", n, result, part };
    tend_pdf_table_row (pdf, cells);
  }
  {
    g_autofree char *n = g_strdup_printf ("%u", h->ces_responses);
    g_autofree char *result = h->has_ces ? g_strdup_printf ("%.2f of 7", h->ces_mean)
                                         : g_strdup ("no responses");
    g_autofree char *part = h->has_ces ? g_strdup_printf ("%.1f", h->ces_part) : g_strdup ("—");
    const char *cells[] = { "CES (1–7, 7 = very easy)", n, result, part };
    tend_pdf_table_row (pdf, cells);
  }
  tend_pdf_table_end (pdf);

  tend_pack_heading (pdf, 2, "In their words", 80);
  /* the book orders surveys by submission: walk back for the latest first */
  for (guint i = a->n_surveys; i > 0; i--)
    {
      const TendSurvey *s = &qbr->book->surveys[a->surveys_start + i - 1];
      g_autofree char *day = NULL;
      g_autofree char *meta = NULL;
      g_autofree char *quote = NULL;
      g_autofree char *text = NULL;

      if (s->submitted_day > qbr->as_of || s->submitted_day <= from ||
          s->verbatim == NULL || *s->verbatim == '\0')
        continue;
      if (shown == MAX_VERBATIMS)
        {
          more++;
          continue;
        }
      day = tend_pack_format_day (s->submitted_day);
      meta = g_strdup_printf ("%s · %s %g%s%s", day, tend_survey_type_to_string (s->type), s->value,
                              s->respondent != NULL && *s->respondent ? " · " : "",
                              s->respondent != NULL ? s->respondent : "");
      quote = g_strstrip (g_strdup (s->verbatim));
      text = g_strdup_printf ("“%s”", quote);
      tend_pdf_paragraph (pdf, text);
      tend_pdf_note (pdf, meta);
      shown++;
    }
  if (shown == 0)
    tend_pdf_paragraph (pdf, "No written comments in the last 180 days.");
  if (more > 0)
    {
      g_autofree char *note = g_strdup_printf ("%u older comments are not shown.", more);
      tend_pdf_note (pdf, note);
    }
}

static void
write_success_plan (const TendQbr *qbr,
                    TendPdf       *pdf)
{
  tend_pack_heading (pdf, 1, "Success plan", 140);
  if (qbr->objectives->len == 0)
    {
      tend_pdf_paragraph (pdf, "No handoff plan has been accepted for this account yet, so it has no "
                               "success plan.");
      return;
    }
  {
    g_autofree char *summary = summarize_objectives (qbr->objectives);
    g_autofree char *line = g_strdup_printf ("%s.", summary);
    tend_pdf_paragraph (pdf, line);
  }
  for (guint i = 0; i < qbr->objectives->len; i++)
    {
      const TendHandoffObjective *o = g_ptr_array_index (qbr->objectives, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1,
                                                has_text (o->objective) ? o->objective : "(objective not written)");
      guint n_progress = o->progress != NULL ? o->progress->len : 0;

      tend_pack_heading (pdf, 3, title, 90);
      tend_pdf_key_value (pdf, "Status", objective_status_label (o->status));
      if (has_text (o->success_metric))
        tend_pdf_key_value (pdf, "Success metric", o->success_metric);
      if (has_text (o->target_value) || has_text (o->target_date))
        {
          g_autofree char *target = NULL;

          if (has_text (o->target_value) && has_text (o->target_date))
            target = g_strdup_printf ("%s by %s", o->target_value, o->target_date);
          else if (has_text (o->target_value))
            target = g_strdup (o->target_value);
          else
            target = g_strdup_printf ("by %s", o->target_date);
          tend_pdf_key_value (pdf, "Target", target);
        }
      if (n_progress == 0)
        {
          tend_pdf_note (pdf, "No progress notes yet.");
          continue;
        }
      /* newest first: the latest word on the objective leads */
      for (guint k = n_progress; k > 0 && n_progress - k < MAX_PROGRESS; k--)
        {
          const TendHandoffProgressNote *note = g_ptr_array_index (o->progress, k - 1);
          g_autofree char *status = g_ascii_strdown (objective_status_label (note->status), -1);
          g_autofree char *line = g_strdup_printf ("%.10s, %s — %s%s%s",
                                                   note->noted_at ? note->noted_at : "",
                                                   note->noted_by ? note->noted_by : "someone", status,
                                                   has_text (note->note) ? ": " : "",
                                                   has_text (note->note) ? note->note : "");
          tend_pdf_note (pdf, line);
        }
      if (n_progress > MAX_PROGRESS)
        {
          g_autofree char *more = g_strdup_printf ("%u earlier notes are not shown.", n_progress - MAX_PROGRESS);
          tend_pdf_note (pdf, more);
        }
    }
}

static void
write_renewal (const TendQbr *qbr,
               TendPdf       *pdf)
{
  const TendRenewal *r = qbr->renewal;
  const TendAssessment *as;
  const char *milestone_headers[] = { "Retention milestone", "Due", "Status", NULL };
  const double milestone_widths[] = { 2, 2, 2.4 };

  tend_pack_heading (pdf, 1, "Renewal", 160);
  if (r == NULL)
    {
      if (qbr->churn_day != TEND_DAY_NONE && qbr->churn_day <= qbr->as_of)
        {
          g_autofree char *day = tend_day_to_iso (qbr->churn_day);
          g_autofree char *text = g_strdup_printf ("The account churned on %s.", day);
          tend_pdf_paragraph (pdf, text);
        }
      else
        tend_pdf_paragraph (pdf, "The CRM has no contract end date or open renewal deal for this account.");
      return;
    }

  {
    g_autofree char *day = tend_day_to_iso (r->renewal_date);
    g_autofree char *line = r->days_left >= 0
                            ? g_strdup_printf ("%s (in %d days)", day, r->days_left)
                            : g_strdup_printf ("%s (%d days ago)", day, -r->days_left);
    tend_pdf_key_value (pdf, "Renewal date", line);
  }
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (milestone_widths), milestone_headers, milestone_widths, NULL);
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    {
      const TendMilestone *m = &r->milestones[k];
      static const char * const labels[TEND_N_MILESTONES] = {
        "Risk assessment", "Renewal proposal sent", "Order form signed",
      };
      g_autofree char *day = tend_day_to_iso (m->due_date);
      g_autofree char *due = g_strdup_printf ("%s (%u days out)", day, m->days_before);
      g_autofree char *state = NULL;

      if (m->is_done)
        state = g_strdup_printf ("done by %s, %.10s", m->done_by ? m->done_by : "someone",
                                 m->done_at ? m->done_at : "");
      else
        state = g_strdup (m->is_past_due ? "past due" : "open");
      {
        const char *cells[] = { labels[k], due, state };
        tend_pdf_table_row (pdf, cells);
      }
    }
  tend_pdf_table_end (pdf);

  tend_pack_heading (pdf, 2, "Latest risk assessment", 120);
  as = r->assessment;
  if (as == NULL)
    {
      tend_pdf_paragraph (pdf, r->days_left <= (int) qbr->horizon_days
                               ? "Assessment missing: this renewal is within the horizon and has no "
                                 "documented risk assessment."
                               : "No risk assessment yet for this renewal.");
      return;
    }
  {
    g_auto(GStrv) reasons = tend_risk_reasons_to_strv (as->reasons);
    g_autofree char *reason_text = NULL;
    g_autofree char *assessed = NULL;

    for (guint i = 0; reasons[i] != NULL; i++)
      g_strdelimit (reasons[i], "_", ' ');
    reason_text = reasons[0] != NULL ? g_strjoinv (", ", reasons) : g_strdup ("none given");
    tend_pdf_key_value (pdf, "Risk", tend_risk_to_string (as->risk));
    tend_pdf_key_value (pdf, "Reasons", reason_text);
    tend_pdf_key_value (pdf, "Mitigation", as->mitigation ? as->mitigation : "none written");
    if (as->has_forecast)
      {
        g_autofree char *forecast = tend_money_format (as->forecast_amount, as->forecast_currency);
        tend_pdf_key_value (pdf, "Forecast", forecast);
      }
    if (as->owner != NULL)
      tend_pdf_key_value (pdf, "Owner", as->owner);
    if (as->next_step != NULL)
      {
        g_autofree char *day = tend_pack_format_day (as->next_step_date);
        g_autofree char *step = g_strdup_printf ("%s (by %s)", as->next_step, day);
        tend_pdf_key_value (pdf, "Next step", step);
      }
    assessed = g_strdup_printf ("%s, %.10s", as->assessed_by ? as->assessed_by : "unknown",
                                as->assessed_at ? as->assessed_at : "");
    tend_pdf_key_value (pdf, "Assessed by", assessed);
  }
}

static void
write_alerts (const TendQbr *qbr,
              TendPdf       *pdf)
{
  const char *headers[] = { "Raised", "Alert", NULL };
  const double widths[] = { 1, 5 };

  tend_pack_heading (pdf, 1, "Open alerts", 80);
  if (qbr->alerts->len == 0)
    {
      tend_pdf_paragraph (pdf, "No open alerts.");
      return;
    }
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, NULL);
  for (guint i = 0; i < qbr->alerts->len; i++)
    {
      const TendHealthAlert *alert = g_ptr_array_index (qbr->alerts, i);
      g_autofree char *day = tend_pack_format_day (alert->day);
      const char *cells[] = { day, alert->message };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_asks (const TendQbr *qbr,
            TendPdf       *pdf)
{
  tend_pack_heading (pdf, 1, "Asks and next steps", 80);
  if (qbr->notes == NULL)
    {
      tend_pdf_paragraph (pdf, "None written yet.");
      return;
    }
  {
    g_auto(GStrv) paragraphs = g_strsplit (qbr->notes->text, "\n", -1);
    g_autofree char *meta = g_strdup_printf ("Written by %s, %.10s", qbr->notes->updated_by,
                                             qbr->notes->updated_at);

    for (guint i = 0; paragraphs[i] != NULL; i++)
      if (*g_strstrip (paragraphs[i]) != '\0')
        tend_pdf_paragraph (pdf, paragraphs[i]);
    tend_pdf_note (pdf, meta);
  }
}

/* ------------------------------------------------------------------ */

TendQbr *
tend_qbr_compute (TendStore          *store,
                  const TendBook     *book,
                  const char         *account_id,
                  TendDay             as_of,
                  const TendSettings *settings,
                  GError            **error)
{
  g_autoptr(TendQbr) qbr = NULL;
  g_autoptr(GHashTable) risks = NULL;
  g_autoptr(GError) local = NULL;
  const TendAccount *account;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (as_of != TEND_DAY_NONE, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if ((account = tend_book_find_account (book, account_id)) == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No account with id “%s” in the workspace; “tend-cli accounts” lists them",
                   account_id);
      return NULL;
    }

  qbr = g_new0 (TendQbr, 1);
  qbr->book = book;
  qbr->account = account;
  qbr->as_of = as_of;
  qbr->period_start = tend_day_add_days (tend_day_add_months (as_of, -3), 1);
  qbr->tier_amber = settings->tier_amber;
  qbr->tier_green = settings->tier_green;
  qbr->horizon_days = settings->renewal_horizon_days;
  qbr->trend = g_array_new (FALSE, FALSE, sizeof (TendChartPoint));
  qbr->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_health_alert_free);
  qbr->churn_day = tend_account_churn_day (book, account);
  qbr->renewal_day = tend_account_renewal_day (book, account);

  if ((risks = tend_health_load_risks (store, book, as_of, error)) == NULL)
    return NULL;
  tend_health_compute (book, account, as_of, settings, risks, &qbr->health);
  qbr->health.account_index = (guint) tend_book_account_index (book, account->id);

  if (!load_trend (qbr, store, error) || !load_alerts (qbr, store, error))
    return NULL;
  if ((qbr->objectives = tend_handoff_success_plan_for_account (store, account->id, error)) == NULL)
    return NULL;
  if (qbr->renewal_day != TEND_DAY_NONE && !tend_account_is_churned (book, account, as_of))
    {
      qbr->renewal = tend_renewals_get (store, book, account->id, as_of, settings, error);
      if (qbr->renewal == NULL)
        return NULL;
    }
  qbr->notes = tend_qbr_notes_get (store, account->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&qbr);
}

void
tend_qbr_free (TendQbr *qbr)
{
  if (qbr == NULL)
    return;
  g_clear_pointer (&qbr->trend, g_array_unref);
  g_clear_pointer (&qbr->alerts, g_ptr_array_unref);
  g_clear_pointer (&qbr->objectives, g_ptr_array_unref);
  g_clear_pointer (&qbr->renewal, tend_renewal_free);
  g_clear_pointer (&qbr->notes, tend_qbr_notes_free);
  g_free (qbr);
}

const TendAccount *
tend_qbr_get_account (const TendQbr *qbr)
{
  return qbr->account;
}

const TendHealth *
tend_qbr_get_health (const TendQbr *qbr)
{
  return &qbr->health;
}

TendDay
tend_qbr_get_period_start (const TendQbr *qbr)
{
  return qbr->period_start;
}

char *
tend_qbr_get_title (const TendQbr *qbr)
{
  g_autofree char *day = tend_day_to_iso (qbr->as_of);

  return g_strdup_printf ("QBR — %s — %s", qbr->account->name, day);
}

char *
tend_qbr_get_footer (const TendQbr *qbr)
{
  g_autofree char *day = tend_day_to_iso (qbr->as_of);

  return g_strdup_printf ("%s · quarterly business review as of %s", qbr->account->name, day);
}

void
tend_qbr_write (const TendQbr *qbr,
                TendPdf       *pdf)
{
  g_return_if_fail (qbr != NULL);
  g_return_if_fail (pdf != NULL);

  write_cover (qbr, pdf);
  write_health (qbr, pdf);
  write_usage (qbr, pdf);
  write_support (qbr, pdf);
  write_surveys (qbr, pdf);
  write_success_plan (qbr, pdf);
  write_renewal (qbr, pdf);
  write_alerts (qbr, pdf);
  write_asks (qbr, pdf);
}

TendPdf *
tend_qbr_to_pdf (const TendQbr *qbr,
                 TendPaper      paper)
{
  g_autofree char *title = tend_qbr_get_title (qbr);
  g_autofree char *footer = tend_qbr_get_footer (qbr);
  TendPdf *pdf = tend_pdf_new (paper, title, footer);

  tend_qbr_write (qbr, pdf);
  return pdf;
}

GBytes *
tend_qbr_render (const TendQbr *qbr,
                 TendPaper      paper,
                 guint         *out_n_pages)
{
  g_autoptr(TendPdf) pdf = tend_qbr_to_pdf (qbr, paper);
  GBytes *bytes = tend_pdf_finish (pdf);

  if (out_n_pages != NULL)
    *out_n_pages = tend_pdf_get_n_pages (pdf);
  return bytes;
}

gboolean
tend_qbr_save (const TendQbr  *qbr,
               TendPaper       paper,
               const char     *path,
               guint          *out_n_pages,
               GError        **error)
{
  g_autoptr(TendPdf) pdf = tend_qbr_to_pdf (qbr, paper);

  if (!tend_pdf_save (pdf, path, error))
    return FALSE;
  if (out_n_pages != NULL)
    *out_n_pages = tend_pdf_get_n_pages (pdf);
  return TRUE;
}
