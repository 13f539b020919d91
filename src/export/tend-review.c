// The portfolio review of DOMAIN.md 9: one owner's accounts (or all), as a PDF.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "tend-alerts.h"
#include "tend-chart.h"
#include "tend-error.h"
#include "tend-incentives.h"
#include "tend-money.h"
#include "tend-pack.h"
#include "tend-renewals.h"
#include "tend-review.h"

#define TREND_MONTHS  12
#define BAR_HEIGHT    22.0

typedef struct {
  TendDay start;                       /* the month's first day */
  TendDay end;                         /* its last day, or as_of for the current month */
  guint   n[TEND_N_SURVEY_TYPES];
  guint   promoters;
  guint   detractors;
  double  sum[TEND_N_SURVEY_TYPES];
} SurveyMonth;

typedef struct {
  const char *person;                  /* borrowed from the ledger */
  const char *currency;
  guint       n_entries;
  gint64      exposure;
  gint64      red_exposure;
} ExposureRow;

struct _TendReview
{
  const TendBook  *book;
  const TendOwner *owner;
  TendDay          as_of;
  double           tier_amber;
  double           tier_green;
  guint            horizon_days;
  GArray          *health;             /* TendHealth per book account */
  guint8          *is_member;          /* per book account: reviewed */
  guint            n_members;
  guint            n_churned;          /* the owner's accounts left out as churned */
  guint            tier_counts[TEND_N_TIERS];
  GArray          *tier_arr[TEND_N_TIERS];   /* TendCurrencyAmount */
  GArray          *total_arr;
  GArray          *red;                /* guint book index, largest ARR first */
  GHashTable      *risks;              /* tend_health_load_risks () */
  GPtrArray       *all_renewals;       /* TendRenewal, owned */
  GPtrArray       *renewals;           /* the members', borrowed */
  GPtrArray       *alerts;             /* TendHealthAlert, open, newest first */
  SurveyMonth      months[TREND_MONTHS];
  TendLedger      *ledger;
  GArray          *exposure;           /* ExposureRow by person, currency */
  GArray          *red_exposure;       /* TendCurrencyAmount */
};

static const TendTier tier_order[] = {
  TEND_TIER_GREEN, TEND_TIER_AMBER, TEND_TIER_RED, TEND_TIER_UNKNOWN,
};

static const TendHealth *
health_at (const TendReview *review,
           guint             index)
{
  return &g_array_index (review->health, TendHealth, index);
}

static gboolean
is_member_id (const TendReview *review,
              const char       *account_id)
{
  gint index = account_id != NULL ? tend_book_account_index (review->book, account_id) : -1;

  return index >= 0 && review->is_member[index];
}

static int
compare_red (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const TendBook *book = user_data;
  const TendAccount *x = &book->accounts[*(const guint *) a];
  const TendAccount *y = &book->accounts[*(const guint *) b];
  gint64 ax = x->has_arr ? x->arr : 0;
  gint64 ay = y->has_arr ? y->arr : 0;

  if (ax != ay)
    return ax > ay ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

static void
count_tiers (TendReview *review)
{
  for (guint i = 0; i < review->book->n_accounts; i++)
    {
      const TendAccount *a = &review->book->accounts[i];
      const TendHealth *h;

      if (!review->is_member[i])
        continue;
      h = health_at (review, i);
      review->tier_counts[h->tier]++;
      if (a->has_arr)
        {
          tend_pack_add_amount (review->tier_arr[h->tier], a->currency, a->arr);
          tend_pack_add_amount (review->total_arr, a->currency, a->arr);
        }
      if (h->tier == TEND_TIER_RED)
        g_array_append_val (review->red, i);
    }
  g_array_sort_with_data (review->red, compare_red, (gpointer) review->book);
}

static void
init_months (TendReview *review)
{
  TendDay this_month = tend_day_from_ymd (tend_day_year (review->as_of), tend_day_month (review->as_of), 1);

  for (int m = 0; m < TREND_MONTHS; m++)
    {
      SurveyMonth *month = &review->months[m];
      TendDay next;

      month->start = tend_day_add_months (this_month, m - (TREND_MONTHS - 1));
      next = tend_day_add_months (this_month, m - (TREND_MONTHS - 1) + 1);
      month->end = MIN (tend_day_add_days (next, -1), review->as_of);
    }
}

/* Survey responses per month; as for the health score, only each
 * respondent's latest NPS or CES answer in a month counts. */
static void
count_surveys (TendReview *review)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TendDay first = review->months[0].start;

  for (guint i = 0; i < review->book->n_accounts; i++)
    {
      const TendAccount *a = &review->book->accounts[i];

      if (!review->is_member[i])
        continue;
      g_hash_table_remove_all (seen);
      for (guint k = a->n_surveys; k > 0; k--)
        {
          const TendSurvey *s = &review->book->surveys[a->surveys_start + k - 1];
          SurveyMonth *month = NULL;

          if (s->submitted_day < first || s->submitted_day > review->as_of)
            continue;
          for (int m = TREND_MONTHS - 1; m >= 0; m--)
            if (s->submitted_day >= review->months[m].start)
              {
                month = &review->months[m];
                break;
              }
          if (month == NULL)
            continue;
          if (s->type != TEND_SURVEY_CSAT && s->respondent != NULL && *s->respondent != '\0')
            {
              char *key = g_strdup_printf ("%u\x1f%d\x1f%s", month->start, s->type, s->respondent);
              if (!g_hash_table_add (seen, key))
                continue;
            }
          month->n[s->type]++;
          month->sum[s->type] += s->value;
          if (s->type == TEND_SURVEY_NPS)
            {
              if (s->value >= 9)
                month->promoters++;
              else if (s->value <= 6)
                month->detractors++;
            }
        }
    }
}

static gboolean
load_renewals (TendReview          *review,
               TendStore           *store,
               const TendSettings  *settings,
               GError             **error)
{
  review->all_renewals = tend_renewals_list (store, review->book, review->as_of, review->horizon_days,
                                             settings, error);
  if (review->all_renewals == NULL)
    return FALSE;
  review->renewals = g_ptr_array_new ();
  for (guint i = 0; i < review->all_renewals->len; i++)
    {
      TendRenewal *r = g_ptr_array_index (review->all_renewals, i);

      if (is_member_id (review, r->account->id))
        g_ptr_array_add (review->renewals, r);
    }
  return TRUE;
}

static gboolean
load_alerts (TendReview  *review,
             TendStore   *store,
             GError     **error)
{
  g_autoptr(GPtrArray) all = tend_health_list_alerts (store, NULL, FALSE, error);

  if (all == NULL)
    return FALSE;
  review->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_health_alert_free);
  for (guint i = 0; i < all->len; i++)
    {
      TendHealthAlert *alert = g_ptr_array_index (all, i);

      if (alert->day <= review->as_of && is_member_id (review, alert->account_id))
        g_ptr_array_add (review->alerts, g_steal_pointer (&all->pdata[i]));
    }
  return TRUE;
}

static int
compare_exposure (gconstpointer a,
                  gconstpointer b)
{
  const ExposureRow *x = a, *y = b;
  int cmp = g_strcmp0 (x->person, y->person);

  return cmp != 0 ? cmp : g_strcmp0 (x->currency, y->currency);
}

static gboolean
load_exposure (TendReview  *review,
               TendStore   *store,
               GError     **error)
{
  /* "person\x1fcurrency" -> 1 + index into review->exposure */
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  review->ledger = tend_ledger_load (store, review->book, review->as_of, review->health, error);
  if (review->ledger == NULL)
    return FALSE;
  for (guint i = 0; i < review->ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (review->ledger->lines, TendLedgerLine, i);
      g_autofree char *key = NULL;
      ExposureRow *row;
      guint index;

      if (line->exposure <= 0 || !is_member_id (review, line->entry->account_id))
        continue;
      key = g_strdup_printf ("%s\x1f%s", line->entry->person, line->entry->currency);
      index = GPOINTER_TO_UINT (g_hash_table_lookup (rows, key));
      if (index == 0)
        {
          ExposureRow fresh = { line->entry->person, line->entry->currency, 0, 0, 0 };

          g_array_append_val (review->exposure, fresh);
          index = review->exposure->len;
          g_hash_table_insert (rows, g_steal_pointer (&key), GUINT_TO_POINTER (index));
        }
      row = &g_array_index (review->exposure, ExposureRow, index - 1);
      row->n_entries++;
      row->exposure += line->exposure;
      if (line->is_red)
        {
          row->red_exposure += line->exposure;
          tend_pack_add_amount (review->red_exposure, line->entry->currency, line->exposure);
        }
    }
  g_array_sort (review->exposure, compare_exposure);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

static char *
count_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

static const char *
subject_name (const TendReview *review)
{
  if (review->owner == NULL)
    return "All accounts";
  return review->owner->name != NULL && *review->owner->name ? review->owner->name : review->owner->id;
}

static void
write_cover (const TendReview *review,
             TendPdf          *pdf)
{
  g_autofree char *day = tend_day_to_iso (review->as_of);
  g_autofree char *subtitle = g_strdup_printf ("Portfolio review as of %s", day);
  g_autofree char *n = count_text (review->n_members);
  g_autofree char *arr = tend_pack_format_amounts (review->total_arr, "none recorded");
  g_autofree char *at_risk = tend_pack_format_amounts (review->tier_arr[TEND_TIER_RED], "none");
  g_autofree char *renewals = count_text (review->renewals->len);
  g_autofree char *alerts = count_text (review->alerts->len);
  g_autofree char *horizon = g_strdup_printf ("Renewals, next %u days", review->horizon_days);

  tend_pdf_title (pdf, subject_name (review), subtitle);
  if (review->owner != NULL)
    {
      tend_pdf_key_value (pdf, "Customer success manager", subject_name (review));
      if (review->owner->team != NULL)
        tend_pdf_key_value (pdf, "Team", review->owner->team);
    }
  tend_pdf_key_value (pdf, "Accounts", n);
  tend_pdf_key_value (pdf, "ARR", arr);
  tend_pdf_key_value (pdf, "ARR at risk (red)", at_risk);
  tend_pdf_key_value (pdf, horizon, renewals);
  tend_pdf_key_value (pdf, "Open alerts", alerts);
  if (review->n_churned > 0)
    {
      g_autofree char *note = g_strdup_printf ("%u churned %s not reviewed.", review->n_churned,
                                               review->n_churned == 1 ? "account is" : "accounts are");
      tend_pdf_note (pdf, note);
    }
}

static void
draw_stacked (const TendReview *review,
              TendPdf          *pdf,
              const double     *values)
{
  TendChartStyle style;
  TendChartBar segments[G_N_ELEMENTS (tier_order)];
  char labels[G_N_ELEMENTS (tier_order)][48];
  double x, y, w;
  cairo_t *cr = tend_pdf_figure (pdf, BAR_HEIGHT, &x, &y, &w);

  tend_chart_style_init_light (&style);
  for (guint i = 0; i < G_N_ELEMENTS (tier_order); i++)
    {
      TendTier tier = tier_order[i];
      const TendRgba *colour = tier == TEND_TIER_GREEN ? &style.green
                               : tier == TEND_TIER_AMBER ? &style.amber
                               : tier == TEND_TIER_RED ? &style.red : &style.unknown;

      g_snprintf (labels[i], sizeof labels[i], "%s", tier == TEND_TIER_UNKNOWN ? "Unknown"
                                                     : tend_pack_tier_label (tier));
      segments[i] = (TendChartBar) { labels[i], values[i], *colour };
    }
  tend_chart_draw_stacked (cr, &style, x, y, w, BAR_HEIGHT, segments, G_N_ELEMENTS (segments));
}

static void
write_tiers (const TendReview *review,
             TendPdf          *pdf)
{
  const char *headers[] = { "Tier", "Accounts", "Share", "ARR", NULL };
  const double widths[] = { 1.8, 0.9, 0.8, 2.6 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_END };
  double counts[G_N_ELEMENTS (tier_order)];
  gboolean one_currency = review->total_arr->len == 1;

  tend_pack_heading (pdf, 1, "Health by tier", 220);
  for (guint i = 0; i < G_N_ELEMENTS (tier_order); i++)
    counts[i] = review->tier_counts[tier_order[i]];
  tend_pdf_note (pdf, "Accounts");
  draw_stacked (review, pdf, counts);
  if (one_currency)
    {
      double arr[G_N_ELEMENTS (tier_order)];
      const char *currency = g_array_index (review->total_arr, TendCurrencyAmount, 0).currency;

      for (guint i = 0; i < G_N_ELEMENTS (tier_order); i++)
        {
          GArray *amounts = review->tier_arr[tier_order[i]];
          arr[i] = amounts->len > 0 ? (double) g_array_index (amounts, TendCurrencyAmount, 0).amount : 0;
        }
      {
        g_autofree char *label = g_strdup_printf ("ARR (%s)", currency);
        tend_pdf_note (pdf, label);
      }
      draw_stacked (review, pdf, arr);
    }

  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  for (guint i = 0; i < G_N_ELEMENTS (tier_order); i++)
    {
      TendTier tier = tier_order[i];
      g_autofree char *n = count_text (review->tier_counts[tier]);
      g_autofree char *share = review->n_members > 0
                               ? g_strdup_printf ("%.0f%%", 100.0 * review->tier_counts[tier] / review->n_members)
                               : g_strdup ("—");
      g_autofree char *arr = tend_pack_format_amounts (review->tier_arr[tier], "—");
      const char *cells[] = { tend_pack_tier_label (tier), n, share, arr };

      tend_pdf_table_row (pdf, cells);
    }
  {
    g_autofree char *n = count_text (review->n_members);
    g_autofree char *arr = tend_pack_format_amounts (review->total_arr, "—");
    const char *cells[] = { "All", n, review->n_members > 0 ? "100%" : "—", arr };
    tend_pdf_table_row (pdf, cells);
  }
  tend_pdf_table_end (pdf);
  {
    g_autofree char *bands = g_strdup_printf ("Green from a score of %.0f, amber from %.0f, red below %.0f; "
                                              "unknown when less than half of the weights have data.",
                                              review->tier_green, review->tier_amber, review->tier_amber);
    tend_pdf_note (pdf, bands);
  }
}

static const char *
risk_of (const TendReview  *review,
         const TendAccount *a)
{
  static const char * const names[] = { "low", "medium", "high" };
  guint value = GPOINTER_TO_UINT (g_hash_table_lookup (review->risks, a->id));

  return value >= 1 && value <= G_N_ELEMENTS (names) ? names[value - 1] : "not assessed";
}

static void
write_at_risk (const TendReview *review,
               TendPdf          *pdf)
{
  const char *headers[] = { "Account", "Score", "ARR", "Renewal", "Risk", NULL };
  const double widths[] = { 2.6, 0.7, 1.6, 1.1, 1.1 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_START,
                               TEND_ALIGN_START };
  g_autofree char *total = tend_pack_format_amounts (review->tier_arr[TEND_TIER_RED], "none");
  g_autofree char *line = review->red->len == 0
                          ? g_strdup ("No red accounts.")
                          : g_strdup_printf ("%u red %s, ARR %s.", review->red->len,
                                             review->red->len == 1 ? "account" : "accounts", total);

  tend_pack_heading (pdf, 1, "ARR at risk", 110);
  tend_pdf_paragraph (pdf, line);
  if (review->red->len == 0)
    return;
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  for (guint i = 0; i < review->red->len; i++)
    {
      guint index = g_array_index (review->red, guint, i);
      const TendAccount *a = &review->book->accounts[index];
      g_autofree char *score = tend_pack_format_score (TRUE, health_at (review, index)->score);
      g_autofree char *arr = a->has_arr ? tend_money_format (a->arr, a->currency) : g_strdup ("—");
      g_autofree char *renewal = tend_pack_format_day (tend_account_renewal_day (review->book, a));
      const char *cells[] = { a->name, score, arr, renewal, risk_of (review, a) };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_renewals (const TendReview *review,
                TendPdf          *pdf)
{
  const char *headers[] = { "Renewal", "Days", "Account", "ARR", "Tier", "Assessment", NULL };
  const double widths[] = { 1.05, 0.55, 2.4, 1.5, 0.8, 1.2 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_START, TEND_ALIGN_END,
                               TEND_ALIGN_START, TEND_ALIGN_START };
  g_autofree char *heading = g_strdup_printf ("Renewals in the next %u days", review->horizon_days);
  guint missing = 0;

  tend_pack_heading (pdf, 1, heading, 120);
  if (review->renewals->len == 0)
    {
      tend_pdf_paragraph (pdf, "No renewals in this period.");
      return;
    }
  for (guint i = 0; i < review->renewals->len; i++)
    if (((TendRenewal *) g_ptr_array_index (review->renewals, i))->assessment == NULL)
      missing++;
  {
    g_autofree char *line = g_strdup_printf ("%u %s, %u without a risk assessment.", review->renewals->len,
                                             review->renewals->len == 1 ? "renewal" : "renewals", missing);
    tend_pdf_paragraph (pdf, line);
  }
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  for (guint i = 0; i < review->renewals->len; i++)
    {
      const TendRenewal *r = g_ptr_array_index (review->renewals, i);
      const TendAccount *a = r->account;
      g_autofree char *day = tend_pack_format_day (r->renewal_date);
      g_autofree char *left = g_strdup_printf ("%d", r->days_left);
      g_autofree char *arr = a->has_arr ? tend_money_format (a->arr, a->currency) : g_strdup ("—");
      g_autofree char *assessment = r->assessment != NULL
                                    ? g_strdup_printf ("%s risk", tend_risk_to_string (r->assessment->risk))
                                    : g_strdup ("missing");
      const char *cells[] = { day, left, a->name, arr,
                              r->tier == TEND_TIER_UNKNOWN ? "Unknown" : tend_pack_tier_label (r->tier),
                              assessment };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_surveys (const TendReview *review,
               TendPdf          *pdf)
{
  const char *headers[] = { "Month", "NPS answers", "NPS", "CSAT answers", "CSAT", "CES answers", "CES", NULL };
  const double widths[] = { 0.9, 1, 0.7, 1, 0.7, 1, 0.7 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_END,
                               TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_END };

  tend_pack_heading (pdf, 1, "Survey trends by month", 330);
  tend_pdf_paragraph (pdf, "Responses per month over the last 12 months: NPS from −100 to 100, CSAT as "
                           "the mean of 1–5, CES as the mean of 1–7 (7 = very easy). For NPS and CES "
                           "each respondent's latest answer in a month counts.");
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  for (int m = TREND_MONTHS - 1; m >= 0; m--)
    {
      const SurveyMonth *month = &review->months[m];
      g_autofree char *label = g_strdup_printf ("%04d-%02d", tend_day_year (month->start),
                                                tend_day_month (month->start));
      g_autofree char *nps_n = count_text (month->n[TEND_SURVEY_NPS]);
      g_autofree char *csat_n = count_text (month->n[TEND_SURVEY_CSAT]);
      g_autofree char *ces_n = count_text (month->n[TEND_SURVEY_CES]);
      g_autofree char *nps = month->n[TEND_SURVEY_NPS] > 0
                             ? g_strdup_printf ("%+.0f", 100.0 * ((double) month->promoters - month->detractors) /
                                                         month->n[TEND_SURVEY_NPS])
                             : g_strdup ("—");
      g_autofree char *csat = month->n[TEND_SURVEY_CSAT] > 0
                              ? g_strdup_printf ("%.2f", month->sum[TEND_SURVEY_CSAT] / month->n[TEND_SURVEY_CSAT])
                              : g_strdup ("—");
      g_autofree char *ces = month->n[TEND_SURVEY_CES] > 0
                             ? g_strdup_printf ("%.2f", month->sum[TEND_SURVEY_CES] / month->n[TEND_SURVEY_CES])
                             : g_strdup ("—");
      const char *cells[] = { label, nps_n, nps, csat_n, csat, ces_n, ces };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_alerts (const TendReview *review,
              TendPdf          *pdf)
{
  const char *headers[] = { "Raised", "Account", "Alert", NULL };
  const double widths[] = { 1, 2, 4 };

  tend_pack_heading (pdf, 1, "Open alerts", 90);
  if (review->alerts->len == 0)
    {
      tend_pdf_paragraph (pdf, "No open alerts.");
      return;
    }
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, NULL);
  for (guint i = 0; i < review->alerts->len; i++)
    {
      const TendHealthAlert *alert = g_ptr_array_index (review->alerts, i);
      const TendAccount *a = tend_book_find_account (review->book, alert->account_id);
      g_autofree char *day = tend_pack_format_day (alert->day);
      const char *cells[] = { day, a != NULL ? a->name : alert->account_id, alert->message };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
}

static void
write_exposure (const TendReview *review,
                TendPdf          *pdf)
{
  const char *headers[] = { "Person", "Entries", "Exposure", "On red accounts", NULL };
  const double widths[] = { 2.4, 0.8, 1.6, 1.6 };
  const TendAlign aligns[] = { TEND_ALIGN_START, TEND_ALIGN_END, TEND_ALIGN_END, TEND_ALIGN_END };
  g_autofree char *red = tend_pack_format_amounts (review->red_exposure, "none");
  g_autofree char *line = g_strdup_printf ("Clawback that would fall if the red accounts churned on the review date: %s.", red);

  tend_pack_heading (pdf, 1, "Clawback exposure", 110);
  tend_pdf_paragraph (pdf, line);
  if (review->exposure->len == 0)
    {
      tend_pdf_paragraph (pdf, "No incentive entries on these accounts are inside their clawback window.");
      return;
    }
  tend_pdf_table_begin (pdf, G_N_ELEMENTS (widths), headers, widths, aligns);
  for (guint i = 0; i < review->exposure->len; i++)
    {
      const ExposureRow *row = &g_array_index (review->exposure, ExposureRow, i);
      g_autofree char *n = count_text (row->n_entries);
      g_autofree char *exposure = tend_money_format (row->exposure, row->currency);
      g_autofree char *on_red = tend_money_format (row->red_exposure, row->currency);
      const char *cells[] = { row->person, n, exposure, on_red };

      tend_pdf_table_row (pdf, cells);
    }
  tend_pdf_table_end (pdf);
  tend_pdf_note (pdf, "Exposure is what each person's commissions and bonuses would lose if the accounts "
                      "churned on the review date, under the clawback rule each entry was made with.");
}

/* ------------------------------------------------------------------ */

TendReview *
tend_review_compute (TendStore          *store,
                     const TendBook     *book,
                     const char         *owner_id,
                     TendDay             as_of,
                     const TendSettings *settings,
                     GError            **error)
{
  g_autoptr(TendReview) review = NULL;
  const TendOwner *owner = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (as_of != TEND_DAY_NONE, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if (owner_id != NULL && (owner = tend_book_find_owner (book, owner_id)) == NULL)
    {
      g_set_error (error, TEND_ERROR, TEND_ERROR_NOT_FOUND,
                   "No owner with id “%s” in the workspace; “tend-cli accounts --json” shows "
                   "each account's owner_id", owner_id);
      return NULL;
    }

  review = g_new0 (TendReview, 1);
  review->book = book;
  review->owner = owner;
  review->as_of = as_of;
  review->tier_amber = settings->tier_amber;
  review->tier_green = settings->tier_green;
  review->horizon_days = settings->renewal_horizon_days;
  review->is_member = g_new0 (guint8, MAX (book->n_accounts, 1));
  for (guint t = 0; t < TEND_N_TIERS; t++)
    review->tier_arr[t] = g_array_new (FALSE, FALSE, sizeof (TendCurrencyAmount));
  review->total_arr = g_array_new (FALSE, FALSE, sizeof (TendCurrencyAmount));
  review->red = g_array_new (FALSE, FALSE, sizeof (guint));
  review->exposure = g_array_new (FALSE, FALSE, sizeof (ExposureRow));
  review->red_exposure = g_array_new (FALSE, FALSE, sizeof (TendCurrencyAmount));

  review->health = tend_health_compute_book (store, book, as_of, settings, error);
  if (review->health == NULL)
    return NULL;
  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];

      if (owner != NULL && g_strcmp0 (a->owner_id, owner->id) != 0)
        continue;
      if (!health_at (review, i)->is_scored)
        {
          review->n_churned++;
          continue;
        }
      review->is_member[i] = TRUE;
      review->n_members++;
    }
  if ((review->risks = tend_health_load_risks (store, book, as_of, error)) == NULL)
    return NULL;
  count_tiers (review);
  init_months (review);
  count_surveys (review);
  if (!load_renewals (review, store, settings, error) ||
      !load_alerts (review, store, error) ||
      !load_exposure (review, store, error))
    return NULL;
  return g_steal_pointer (&review);
}

void
tend_review_free (TendReview *review)
{
  if (review == NULL)
    return;
  g_clear_pointer (&review->health, g_array_unref);
  g_clear_pointer (&review->is_member, g_free);
  for (guint t = 0; t < TEND_N_TIERS; t++)
    g_clear_pointer (&review->tier_arr[t], g_array_unref);
  g_clear_pointer (&review->total_arr, g_array_unref);
  g_clear_pointer (&review->red, g_array_unref);
  g_clear_pointer (&review->risks, g_hash_table_unref);
  g_clear_pointer (&review->renewals, g_ptr_array_unref);
  g_clear_pointer (&review->all_renewals, g_ptr_array_unref);
  g_clear_pointer (&review->alerts, g_ptr_array_unref);
  g_clear_pointer (&review->exposure, g_array_unref);
  g_clear_pointer (&review->red_exposure, g_array_unref);
  g_clear_pointer (&review->ledger, tend_ledger_free);
  g_free (review);
}

const TendOwner *
tend_review_get_owner (const TendReview *review)
{
  return review->owner;
}

guint
tend_review_get_n_accounts (const TendReview *review)
{
  return review->n_members;
}

guint
tend_review_get_tier_count (const TendReview *review,
                            TendTier          tier)
{
  g_return_val_if_fail ((guint) tier < TEND_N_TIERS, 0);

  return review->tier_counts[tier];
}

guint
tend_review_get_n_renewals (const TendReview *review)
{
  return review->renewals->len;
}

char *
tend_review_get_title (const TendReview *review)
{
  g_autofree char *day = tend_day_to_iso (review->as_of);

  return g_strdup_printf ("Portfolio review — %s — %s", subject_name (review), day);
}

char *
tend_review_get_footer (const TendReview *review)
{
  g_autofree char *day = tend_day_to_iso (review->as_of);

  return g_strdup_printf ("%s · portfolio review as of %s", subject_name (review), day);
}

void
tend_review_write (const TendReview *review,
                   TendPdf          *pdf)
{
  g_return_if_fail (review != NULL);
  g_return_if_fail (pdf != NULL);

  write_cover (review, pdf);
  write_tiers (review, pdf);
  write_at_risk (review, pdf);
  write_renewals (review, pdf);
  write_surveys (review, pdf);
  write_alerts (review, pdf);
  write_exposure (review, pdf);
}

TendPdf *
tend_review_to_pdf (const TendReview *review,
                    TendPaper         paper)
{
  g_autofree char *title = tend_review_get_title (review);
  g_autofree char *footer = tend_review_get_footer (review);
  TendPdf *pdf = tend_pdf_new (paper, title, footer);

  tend_review_write (review, pdf);
  return pdf;
}

GBytes *
tend_review_render (const TendReview *review,
                    TendPaper         paper,
                    guint            *out_n_pages)
{
  g_autoptr(TendPdf) pdf = tend_review_to_pdf (review, paper);
  GBytes *bytes = tend_pdf_finish (pdf);

  if (out_n_pages != NULL)
    *out_n_pages = tend_pdf_get_n_pages (pdf);
  return bytes;
}

gboolean
tend_review_save (const TendReview *review,
                  TendPaper         paper,
                  const char       *path,
                  guint            *out_n_pages,
                  GError          **error)
{
  g_autoptr(TendPdf) pdf = tend_review_to_pdf (review, paper);

  if (!tend_pdf_save (pdf, path, error))
    return FALSE;
  if (out_n_pages != NULL)
    *out_n_pages = tend_pdf_get_n_pages (pdf);
  return TRUE;
}
