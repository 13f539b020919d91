// tend-cli health, alerts, acknowledge, backtest, snapshot: DOMAIN.md 5.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-alerts.h"
#include "tend-backtest.h"
#include "tend-cli.h"
#include "tend-error.h"
#include "tend-health.h"
#include "tend-snapshots.h"

static double
round_to (double value,
          double scale)
{
  return round (value * scale) / scale;
}

static void
load_settings (TendSettings *settings)
{
  g_autoptr(GSettings) gsettings = tend_settings_new_gsettings ();

  tend_settings_load (settings, gsettings);
}

/* The contract members of ARCHITECTURE.md first, then the explanation:
 * each component's weight and points, and the facts behind it. */
static void
add_health_json (JsonBuilder       *b,
                 const TendBook    *book,
                 const TendHealth  *h,
                 TendDay            as_of)
{
  const TendAccount *a = &book->accounts[h->account_index];
  const TendComponentScore *c = h->components;

  json_builder_begin_object (b);
  tend_cli_json_add_string_or_null (b, "account_id", a->id);
  tend_cli_json_add_string_or_null (b, "name", a->name);
  tend_cli_json_add_string_or_null (b, "stage", tend_stage_to_string (h->stage));
  tend_cli_json_add_double_or_null (b, "score", TRUE, round_to (h->score, 10));
  tend_cli_json_add_string_or_null (b, "tier", tend_tier_to_string (h->tier));
  tend_cli_json_add_double_or_null (b, "coverage", TRUE, round_to (h->coverage, 10000));
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  if (h->flags & TEND_HEALTH_FLAG_CONFLICT)
    json_builder_add_string_value (b, "conflict");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "components");
  json_builder_begin_object (b);
  for (int i = 0; i < TEND_N_COMPONENTS; i++)
    tend_cli_json_add_double_or_null (b, tend_component_to_string (i), c[i].present, round_to (c[i].value, 10));
  json_builder_end_object (b);

  tend_cli_json_add_string_or_null (b, "owner_id", a->owner_id);
  tend_cli_json_add_day (b, "as_of", as_of);
  json_builder_set_member_name (b, "explanation");
  json_builder_begin_object (b);
  for (int i = 0; i < TEND_N_COMPONENTS; i++)
    {
      json_builder_set_member_name (b, tend_component_to_string (i));
      json_builder_begin_object (b);
      tend_cli_json_add_double_or_null (b, "value", c[i].present, c[i].value);
      tend_cli_json_add_double_or_null (b, "weight", TRUE, c[i].weight);
      tend_cli_json_add_double_or_null (b, "points", c[i].present, c[i].points);
      switch (i)
        {
        case TEND_COMPONENT_USAGE:
          tend_cli_json_add_int_or_null (b, "licensed_seats", h->licensed_seats >= 0, h->licensed_seats);
          tend_cli_json_add_int_or_null (b, "active_users_30d", h->active_users_30d >= 0, h->active_users_30d);
          tend_cli_json_add_double_or_null (b, "ratio", h->has_usage_ratio, h->usage_ratio);
          tend_cli_json_add_day (b, "last_activity", a->last_activity);
          tend_cli_json_add_int_or_null (b, "days_since_activity", h->days_since_activity >= 0,
                                         h->days_since_activity);
          json_builder_set_member_name (b, "capped");
          json_builder_add_boolean_value (b, h->is_usage_capped);
          break;
        case TEND_COMPONENT_SUPPORT:
          tend_cli_json_add_int_or_null (b, "tickets", TRUE, h->n_tickets);
          tend_cli_json_add_int_or_null (b, "tickets_counted_twice", TRUE, h->n_tickets_doubled);
          tend_cli_json_add_int_or_null (b, "points_total", TRUE, h->support_points);
          json_builder_set_member_name (b, "by_priority");
          json_builder_begin_object (b);
          for (int p = 0; p < TEND_N_PRIORITIES; p++)
            {
              json_builder_set_member_name (b, tend_priority_to_string (p));
              json_builder_begin_object (b);
              tend_cli_json_add_int_or_null (b, "tickets", TRUE, h->tickets_by_priority[p]);
              tend_cli_json_add_int_or_null (b, "points", TRUE, h->points_by_priority[p]);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
          break;
        case TEND_COMPONENT_FINANCIAL:
          tend_cli_json_add_double_or_null (b, "spend_trend", h->has_spend_trend, h->spend_trend);
          tend_cli_json_add_double_or_null (b, "spend_change", h->has_spend_trend, h->spend_change);
          tend_cli_json_add_int_or_null (b, "arr", a->has_arr, a->arr);
          tend_cli_json_add_int_or_null (b, "arr_prior_year", a->has_arr_prior_year, a->arr_prior_year);
          tend_cli_json_add_double_or_null (b, "payment", h->has_payment, h->payment);
          tend_cli_json_add_int_or_null (b, "overdue_amount", h->has_payment, h->overdue_amount);
          tend_cli_json_add_string_or_null (b, "currency", a->currency);
          tend_cli_json_add_double_or_null (b, "renewal_risk", h->has_renewal_risk, h->renewal_risk);
          tend_cli_json_add_string_or_null (b, "renewal_risk_level", h->renewal_risk_level);
          break;
        case TEND_COMPONENT_RELATIONAL:
          tend_cli_json_add_double_or_null (b, "nps", h->has_nps, h->nps);
          tend_cli_json_add_double_or_null (b, "nps_part", h->has_nps, h->nps_part);
          tend_cli_json_add_int_or_null (b, "nps_responses", TRUE, h->nps_responses);
          tend_cli_json_add_int_or_null (b, "nps_promoters", TRUE, h->nps_promoters);
          tend_cli_json_add_int_or_null (b, "nps_detractors", TRUE, h->nps_detractors);
          tend_cli_json_add_double_or_null (b, "csat_mean", h->has_csat, h->csat_mean);
          tend_cli_json_add_double_or_null (b, "csat_part", h->has_csat, h->csat_part);
          tend_cli_json_add_int_or_null (b, "csat_responses", TRUE, h->csat_responses);
          tend_cli_json_add_double_or_null (b, "ces_mean", h->has_ces, h->ces_mean);
          tend_cli_json_add_double_or_null (b, "ces_part", h->has_ces, h->ces_part);
          tend_cli_json_add_int_or_null (b, "ces_responses", TRUE, h->ces_responses);
          break;
        default:
          break;
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
format_value (char    buf[16],
              gboolean present,
              double   value)
{
  if (present && isfinite (value))
    g_snprintf (buf, 16, "%.1f", value);
  else
    g_strlcpy (buf, "—", 16);
}

static void
print_health_row (const TendBook   *book,
                  const TendHealth *h)
{
  const TendAccount *a = &book->accounts[h->account_index];
  char score[16], cov[16], comp[TEND_N_COMPONENTS][16];

  format_value (score, TRUE, h->score);
  g_snprintf (cov, sizeof cov, "%.2f", h->coverage);
  for (int i = 0; i < TEND_N_COMPONENTS; i++)
    format_value (comp[i], h->components[i].present, h->components[i].value);
  /* "—" is three bytes and one column: pad by hand. */
#define COL(s, w) (int) ((w) + strlen (s) - g_utf8_strlen (s, -1)), s
  printf ("%-12s %-28.28s %-10s %*s %-7s %5s %*s %*s %*s %*s  %s\n",
          a->id, a->name, tend_stage_to_string (h->stage), COL (score, 6),
          tend_tier_to_string (h->tier), cov, COL (comp[0], 6), COL (comp[1], 7),
          COL (comp[2], 9), COL (comp[3], 10),
          (h->flags & TEND_HEALTH_FLAG_CONFLICT) ? "conflict" : "");
#undef COL
}

static void
print_health_detail (const TendBook   *book,
                     const TendHealth *h)
{
  const TendAccount *a = &book->accounts[h->account_index];
  char buf[16];

  format_value (buf, TRUE, h->score);
  printf ("%s (%s), stage %s\n", a->name, a->id, tend_stage_to_string (h->stage));
  printf ("  score %s, tier %s, coverage %.2f%s\n", buf, tend_tier_to_string (h->tier), h->coverage,
          (h->flags & TEND_HEALTH_FLAG_CONFLICT) ? ", conflicting signals" : "");
  for (int i = 0; i < TEND_N_COMPONENTS; i++)
    {
      const TendComponentScore *c = &h->components[i];

      format_value (buf, c->present, c->value);
      printf ("  %-10s %6s  weight %4.0f  %5.1f points\n", tend_component_to_string (i), buf,
              c->weight, c->present ? c->points : 0.0);
    }
  if (h->has_usage_ratio)
    printf ("  usage: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " seats active (%.0f%%)%s\n",
            h->active_users_30d, h->licensed_seats, 100 * h->usage_ratio,
            h->is_usage_capped ? ", capped at 20: no activity for over 30 days" : "");
  else
    printf ("  usage: missing (seats or active users unknown)\n");
  printf ("  support: %u tickets in 90 days, %u counted twice, %u points\n",
          h->n_tickets, h->n_tickets_doubled, h->support_points);
  if (h->has_spend_trend)
    printf ("  financial: spend trend %.1f (ARR %+.1f%% on a year ago)\n", h->spend_trend, 100 * h->spend_change);
  if (h->has_payment)
    printf ("  financial: payment %.0f\n", h->payment);
  if (h->has_renewal_risk)
    printf ("  financial: renewal risk %s (%.0f)\n", h->renewal_risk_level, h->renewal_risk);
  if (h->has_nps)
    printf ("  relational: NPS %.1f over %u respondents\n", h->nps, h->nps_responses);
  if (h->has_csat)
    printf ("  relational: CSAT mean %.2f over %u responses\n", h->csat_mean, h->csat_responses);
  if (h->has_ces)
    printf ("  relational: CES mean %.2f over %u respondents\n", h->ces_mean, h->ces_responses);
}

static int
run_health (TendCli  *cli,
            int       argc,
            char    **argv)
{
  gboolean as_json = FALSE;
  g_autofree char *account_id = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_id, "Only this account", "ID" },
    { NULL }
  };
  TendSettings settings = { 0 };
  g_autoptr(GArray) healths = NULL;
  GError *error = NULL;
  TendBook *book;
  int status;
  gint index = -1;

  if (!tend_cli_parse_options ("health", "- the health score of each account", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("health", "unexpected argument “%s”", argv[1]);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);

  if (account_id != NULL)
    {
      const TendAccount *a;

      if ((index = tend_book_account_index (book, account_id)) < 0)
        return tend_cli_fail (g_error_new (TEND_ERROR, TEND_ERROR_NOT_FOUND,
                                           "No account “%s” in the cache; run “tend-cli accounts” for the ids",
                                           account_id));
      a = &book->accounts[index];
      if (tend_account_is_churned (book, a, cli->as_of))
        {
          g_autofree char *churn = tend_day_to_iso (tend_account_churn_day (book, a));
          return tend_cli_fail (g_error_new (TEND_ERROR, TEND_ERROR_STATE,
                                             "Account “%s” churned on %s; health is only computed for active accounts",
                                             account_id, churn));
        }
    }

  load_settings (&settings);
  healths = tend_health_compute_book (tend_cli_store (cli, NULL), book, cli->as_of, &settings, &error);
  tend_settings_clear (&settings);
  if (healths == NULL)
    return tend_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      if (index >= 0)
        add_health_json (b, book, &g_array_index (healths, TendHealth, index), cli->as_of);
      else
        {
          json_builder_begin_array (b);
          for (guint i = 0; i < healths->len; i++)
            if (g_array_index (healths, TendHealth, i).is_scored)
              add_health_json (b, book, &g_array_index (healths, TendHealth, i), cli->as_of);
          json_builder_end_array (b);
        }
      tend_cli_print_builder (b);
      return TEND_CLI_OK;
    }

  if (index >= 0)
    {
      print_health_detail (book, &g_array_index (healths, TendHealth, index));
      return TEND_CLI_OK;
    }

  printf ("%-12s %-28s %-10s %6s %-7s %5s %6s %7s %9s %10s  %s\n", "ID", "NAME", "STAGE", "SCORE",
          "TIER", "COVER", "USAGE", "SUPPORT", "FINANCIAL", "RELATIONAL", "FLAGS");
  for (guint i = 0; i < healths->len; i++)
    if (g_array_index (healths, TendHealth, i).is_scored)
      print_health_row (book, &g_array_index (healths, TendHealth, i));
  return TEND_CLI_OK;
}

static int
run_alerts (TendCli  *cli,
            int       argc,
            char    **argv)
{
  gboolean as_json = FALSE, all = FALSE;
  g_autofree char *owner = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Include acknowledged alerts", NULL },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, "Only alerts routed to this owner", "ID" },
    { NULL }
  };
  g_autoptr(GPtrArray) alerts = NULL;
  GError *error = NULL;
  TendStore *store;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("alerts", "- open health alerts", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("alerts", "unexpected argument “%s”", argv[1]);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (owner != NULL && tend_book_find_owner (book, owner) == NULL)
    return tend_cli_fail (g_error_new (TEND_ERROR, TEND_ERROR_NOT_FOUND,
                                       "No owner “%s” in the cache; check the id with “tend-cli accounts --json”",
                                       owner));
  store = tend_cli_store (cli, NULL);
  if ((alerts = tend_health_list_alerts (store, owner, all, &error)) == NULL)
    return tend_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < alerts->len; i++)
        {
          const TendHealthAlert *alert = g_ptr_array_index (alerts, i);
          const TendAccount *a = tend_book_find_account (book, alert->account_id);
          g_autoptr(JsonNode) detail = alert->detail ? json_from_string (alert->detail, NULL) : NULL;

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "alert_id");
          json_builder_add_int_value (b, alert->id);
          tend_cli_json_add_string_or_null (b, "account_id", alert->account_id);
          tend_cli_json_add_string_or_null (b, "name", a ? a->name : NULL);
          tend_cli_json_add_string_or_null (b, "owner_id", alert->owner_id);
          tend_cli_json_add_string_or_null (b, "kind", alert->kind);
          tend_cli_json_add_day (b, "day", alert->day);
          tend_cli_json_add_string_or_null (b, "message", alert->message);
          json_builder_set_member_name (b, "detail");
          if (detail != NULL)
            json_builder_add_value (b, g_steal_pointer (&detail));
          else
            json_builder_add_null_value (b);
          tend_cli_json_add_string_or_null (b, "created_at", alert->created_at);
          tend_cli_json_add_string_or_null (b, "acknowledged_by", alert->acknowledged_by);
          tend_cli_json_add_string_or_null (b, "acknowledged_at", alert->acknowledged_at);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      tend_cli_print_builder (b);
      return TEND_CLI_OK;
    }

  printf ("%6s %-10s %-16s %-20s %s\n", "ID", "DAY", "KIND", "OWNER", "MESSAGE");
  for (guint i = 0; i < alerts->len; i++)
    {
      const TendHealthAlert *alert = g_ptr_array_index (alerts, i);
      g_autofree char *day = tend_day_to_iso (alert->day);
      const char *owner_name = tend_book_owner_name (book, alert->owner_id);

      printf ("%6" G_GINT64_FORMAT " %-10s %-16s %-20.20s %s%s\n", alert->id, day ? day : "", alert->kind,
              owner_name ? owner_name : "—", alert->message,
              alert->acknowledged_at ? " (acknowledged)" : "");
    }
  fprintf (stderr, "%u alerts\n", alerts->len);
  return TEND_CLI_OK;
}

static int
run_acknowledge (TendCli  *cli,
                 int       argc,
                 char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  GError *error = NULL;
  TendStore *store;
  gint64 id;
  char *end = NULL;
  int status;

  if (!tend_cli_parse_options ("acknowledge", "ALERT_ID - acknowledge a health alert", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tend_cli_usage_error ("acknowledge", "give one alert id; run “tend-cli alerts” to see them");
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    return tend_cli_usage_error ("acknowledge", "“%s” is not an alert id; ids are whole numbers", argv[1]);
  if ((store = tend_cli_store (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (!tend_health_acknowledge_alert (store, id, &error))
    return tend_cli_fail (error);
  fprintf (stderr, "Alert %" G_GINT64_FORMAT " acknowledged by %s\n", id, tend_store_get_actor (store));
  return TEND_CLI_OK;
}

static int
run_backtest (TendCli  *cli,
              int       argc,
              char    **argv)
{
  static const TendTier tiers[] = { TEND_TIER_GREEN, TEND_TIER_AMBER, TEND_TIER_RED, TEND_TIER_UNKNOWN };
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autofree char *message = NULL;
  TendBacktest result;
  GError *error = NULL;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("backtest", "- does the health score predict churn?", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("backtest", "unexpected argument “%s”", argv[1]);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (!tend_health_backtest (tend_cli_store (cli, NULL), book, cli->as_of, &result, &error))
    return tend_cli_fail (error);

  if (result.enough_history)
    message = g_strdup_printf ("ROC AUC %.2f over %u accounts (%u churned, %u renewed)",
                               result.auc, result.accounts_used, result.churned, result.renewed);
  else
    message = g_strdup_printf ("Not enough history: the backtest needs at least one churned and one "
                               "renewed account with a snapshot 60 or more days before the outcome "
                               "(found %u churned, %u renewed); snapshots build up daily, or run "
                               "“tend-cli snapshot --backfill 365”", result.churned, result.renewed);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      tend_cli_json_add_double_or_null (b, "auc", result.enough_history, result.auc);
      tend_cli_json_add_int_or_null (b, "accounts_used", TRUE, result.accounts_used);
      tend_cli_json_add_int_or_null (b, "churned", TRUE, result.churned);
      tend_cli_json_add_int_or_null (b, "renewed", TRUE, result.renewed);
      json_builder_set_member_name (b, "tiers");
      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
        {
          guint n = result.tier_accounts[tiers[i]], churned = result.tier_churned[tiers[i]];

          json_builder_set_member_name (b, tend_tier_to_string (tiers[i]));
          json_builder_begin_object (b);
          tend_cli_json_add_int_or_null (b, "accounts", TRUE, n);
          tend_cli_json_add_int_or_null (b, "churned", TRUE, churned);
          tend_cli_json_add_double_or_null (b, "churn_rate", n > 0, n > 0 ? (double) churned / n : 0);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "enough_history");
      json_builder_add_boolean_value (b, result.enough_history);
      tend_cli_json_add_string_or_null (b, "message", message);
      json_builder_end_object (b);
      tend_cli_print_builder (b);
      return TEND_CLI_OK;
    }

  printf ("%s\n\n%-8s %8s %8s %10s\n", message, "TIER", "ACCOUNTS", "CHURNED", "CHURN RATE");
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      guint n = result.tier_accounts[tiers[i]], churned = result.tier_churned[tiers[i]];
      char rate[16];

      if (n > 0)
        g_snprintf (rate, sizeof rate, "%.1f%%", 100.0 * churned / n);
      else
        g_strlcpy (rate, "-", sizeof rate);
      printf ("%-8s %8u %8u %10s\n", tend_tier_to_string (tiers[i]), n, churned, rate);
    }
  return TEND_CLI_OK;
}

static int
run_snapshot (TendCli  *cli,
              int       argc,
              char    **argv)
{
  int backfill_days = 0, step = 7;
  gboolean after_sync = FALSE;
  GOptionEntry entries[] = {
    { "backfill", 0, 0, G_OPTION_ARG_INT, &backfill_days, "Also recompute history for the past DAYS days", "DAYS" },
    { "step", 0, 0, G_OPTION_ARG_INT, &step, "Days between backfilled snapshots (default 7)", "N" },
    { "after-sync", 0, 0, G_OPTION_ARG_NONE, &after_sync, "Replace the day's snapshots, as after a sync", NULL },
    { NULL }
  };
  TendSettings settings = { 0 };
  GError *error = NULL;
  TendStore *store;
  TendBook *book;
  gint64 before, after;
  int status;
  gboolean ok = TRUE;

  if (!tend_cli_parse_options ("snapshot", "- store today's health snapshots", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("snapshot", "unexpected argument “%s”", argv[1]);
  if (backfill_days < 0 || backfill_days > 3660)
    return tend_cli_usage_error ("snapshot", "--backfill takes a number of days from 0 to 3660");
  if (step < 1 || step > 366)
    return tend_cli_usage_error ("snapshot", "--step takes a number of days from 1 to 366");
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  store = tend_cli_store (cli, NULL);

  load_settings (&settings);
  if (backfill_days >= step)
    {
      /* Days before as_of, every step days, anchored on as_of. */
      int n = backfill_days / step;

      ok = tend_health_backfill_snapshots (store, book, tend_day_add_days (cli->as_of, -n * step),
                                           tend_day_add_days (cli->as_of, -step), step, &settings, &error);
      if (ok)
        fprintf (stderr, "Backfilled %d days of recomputed history\n", n);
    }
  before = ok ? tend_health_count_snapshots (store, cli->as_of, &error) : -1;
  ok = ok && before >= 0 &&
       tend_health_take_snapshots (store, book, cli->as_of, &settings, after_sync, &error);
  tend_settings_clear (&settings);
  if (!ok)
    return tend_cli_fail (error);

  after = tend_health_count_snapshots (store, cli->as_of, NULL);
  {
    g_autofree char *day = tend_day_to_iso (cli->as_of);
    if (before > 0 && !after_sync)
      fprintf (stderr, "Snapshots for %s were already taken; nothing to do\n", day);
    else
      fprintf (stderr, "Took %" G_GINT64_FORMAT " snapshots for %s\n", after, day);
  }
  return TEND_CLI_OK;
}

const TendCliCommand tend_cli_health_commands[] = {
  { "health", "Health score per account [--json] [--account ID]", run_health },
  { "alerts", "Open health alerts [--json] [--all] [--owner ID]", run_alerts },
  { "acknowledge", "Acknowledge a health alert: ALERT_ID", run_acknowledge },
  { "backtest", "Does the health score predict churn? [--json]", run_backtest },
  { "snapshot", "Store today's health snapshots [--backfill DAYS] [--step N]", run_snapshot },
  { NULL }
};
