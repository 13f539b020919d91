// tend-cli incentive, incentives, clawbacks, clawback and nrr (DOMAIN.md 8).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tend-cli.h"
#include "tend-csv.h"
#include "tend-error.h"
#include "tend-health.h"
#include "tend-incentives.h"
#include "tend-incentives-csv.h"
#include "tend-money.h"
#include "tend-nrr.h"
#include "tend-settings.h"

static void
load_settings (TendSettings *settings)
{
  g_autoptr(GSettings) gsettings = tend_settings_new_gsettings ();

  tend_settings_load (settings, gsettings);
}

static void
add_id_member (JsonBuilder *b,
               const char  *member,
               gint64       id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, text);
}

static void
add_int_member (JsonBuilder *b,
                const char  *member,
                gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_ratio_member (JsonBuilder *b,
                  const char  *member,
                  gboolean     present,
                  double       value)
{
  json_builder_set_member_name (b, member);
  if (present)
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_entry_members (JsonBuilder              *b,
                   const TendBook           *book,
                   const TendIncentiveEntry *e)
{
  const TendAccount *account = tend_book_find_account (book, e->account_id);

  add_id_member (b, "entry_id", e->id);
  tend_cli_json_add_string_or_null (b, "person", e->person);
  tend_cli_json_add_string_or_null (b, "role", tend_incentive_role_to_string (e->role));
  tend_cli_json_add_string_or_null (b, "kind", tend_incentive_kind_to_string (e->kind));
  tend_cli_json_add_string_or_null (b, "account_id", e->account_id);
  tend_cli_json_add_string_or_null (b, "account_name", account ? account->name : NULL);
  tend_cli_json_add_string_or_null (b, "deal_id", e->deal_id);
  add_int_member (b, "amount", e->amount);
  tend_cli_json_add_string_or_null (b, "currency", e->currency);
  tend_cli_json_add_day (b, "earned_date", e->earned);
  tend_cli_json_add_string_or_null (b, "clawback_rule", tend_clawback_rule_to_string (e->rule));
  add_int_member (b, "window_months", e->window_months);
}

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

/* One element of clawbacks --json (ARCHITECTURE.md, plus the form's facts). */
static void
add_clawback_json (JsonBuilder              *b,
                   const TendBook           *book,
                   const TendIncentiveEntry *e,
                   const TendClawback       *c)
{
  const TendAccount *account = tend_book_find_account (book, e->account_id);

  json_builder_begin_object (b);
  add_id_member (b, "entry_id", e->id);
  tend_cli_json_add_string_or_null (b, "person", e->person);
  tend_cli_json_add_string_or_null (b, "role", tend_incentive_role_to_string (e->role));
  tend_cli_json_add_string_or_null (b, "kind", tend_incentive_kind_to_string (e->kind));
  tend_cli_json_add_string_or_null (b, "account_id", e->account_id);
  tend_cli_json_add_string_or_null (b, "account_name", account ? account->name : NULL);
  tend_cli_json_add_string_or_null (b, "deal_id", e->deal_id);
  add_int_member (b, "amount", e->amount);
  add_int_member (b, "clawback", c->clawback);
  tend_cli_json_add_string_or_null (b, "currency", e->currency);
  tend_cli_json_add_day (b, "churn_date", c->churn_day);
  tend_cli_json_add_string_or_null (b, "status", tend_clawback_status_to_string (c->status));
  tend_cli_json_add_day (b, "earned_date", e->earned);
  add_int_member (b, "window_months", e->window_months);
  add_int_member (b, "months_served", c->months_served);
  json_builder_set_member_name (b, "is_triggered");
  json_builder_add_boolean_value (b, c->is_triggered);
  tend_cli_json_add_string_or_null (b, "decided_by", decided_by (c));
  tend_cli_json_add_string_or_null (b, "decided_at", decided_at (c));
  tend_cli_json_add_string_or_null (b, "approved_by", c->approved_by);
  tend_cli_json_add_string_or_null (b, "approved_at", c->approved_at);
  tend_cli_json_add_string_or_null (b, "applied_by", c->applied_by);
  tend_cli_json_add_string_or_null (b, "applied_at", c->applied_at);
  tend_cli_json_add_string_or_null (b, "reason", c->reason);
  json_builder_end_object (b);
}

static int
print_builder (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  tend_cli_print_json (root);
  return TEND_CLI_OK;
}

/* incentive add */

static int
run_incentive_add (TendCli  *cli,
                   int       argc,
                   char    **argv)
{
  g_autofree char *person = NULL, *role = NULL, *kind = NULL, *account = NULL;
  g_autofree char *deal = NULL, *amount = NULL, *currency = NULL, *earned = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, "Who earned it", "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "sales, onboarding, csm or executive", "ROLE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "new_business, renewal, expansion or csm_bonus", "KIND" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, "The account's CRM id", "ID" },
    { "deal", 0, 0, G_OPTION_ARG_STRING, &deal, "A deal of that account (optional)", "ID" },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, "Amount in major units, such as 1234.50", "AMOUNT" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, "ISO 4217 code (default: the account's)", "CODE" },
    { "earned", 0, 0, G_OPTION_ARG_STRING, &earned, "The day it was earned", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the new entry as JSON", NULL },
    { NULL }
  };
  struct { const char *name; const char *value; } required[] = {
    { "--person", NULL }, { "--role", NULL }, { "--kind", NULL }, { "--account", NULL },
    { "--amount", NULL }, { "--earned", NULL },
  };
  TendIncentiveDraft draft = { 0 };
  TendSettings settings = { 0 };
  g_autoptr(TendIncentiveEntry) entry = NULL;
  GError *error = NULL;
  TendBook *book;
  TendStore *store;
  gint64 id;
  int status;

  if (!tend_cli_parse_options ("incentive add", "- record an incentive entry", entries, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return tend_cli_usage_error ("incentive add", "unexpected argument “%s”", argv[2]);
  required[0].value = person;
  required[1].value = role;
  required[2].value = kind;
  required[3].value = account;
  required[4].value = amount;
  required[5].value = earned;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (required[i].value == NULL)
      return tend_cli_usage_error ("incentive add", "%s is required", required[i].name);

  draft.person = person;
  draft.account_id = account;
  draft.deal_id = deal;
  draft.currency = currency;
  if ((int) (draft.role = tend_incentive_role_from_string (role)) < 0)
    return tend_cli_usage_error ("incentive add", "--role: unknown role “%s”; expected sales, onboarding, csm or executive", role);
  if ((int) (draft.kind = tend_incentive_kind_from_string (kind)) < 0)
    return tend_cli_usage_error ("incentive add", "--kind: unknown kind “%s”; expected new_business, renewal, expansion or csm_bonus", kind);
  if (!tend_money_parse (amount, FALSE, &draft.amount, &error) ||
      !tend_day_parse (earned, &draft.earned, &error))
    return tend_cli_fail (error);

  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  store = tend_cli_store (cli, NULL);
  load_settings (&settings);
  id = tend_incentive_add (store, book, &settings, &draft, cli->as_of, NULL, &error);
  tend_settings_clear (&settings);
  if (id == 0)
    return tend_cli_fail (error);

  if (!as_json)
    {
      printf ("%" G_GINT64_FORMAT "\n", id);
      return TEND_CLI_OK;
    }
  if ((entry = tend_incentive_get (store, id, &error)) == NULL)
    return tend_cli_fail (error);
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();

    json_builder_begin_object (b);
    add_entry_members (b, book, entry);
    tend_cli_json_add_string_or_null (b, "created_by", entry->created_by);
    tend_cli_json_add_string_or_null (b, "created_at", entry->created_at);
    json_builder_end_object (b);
    return print_builder (b);
  }
}

static int
run_incentive_remove (TendCli  *cli,
                      int       argc,
                      char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  GError *error = NULL;
  TendBook *book;
  gint64 id;
  int status;

  if (!tend_cli_parse_options ("incentive remove", "ENTRY_ID - remove an incentive entry", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("incentive remove", "expected one ENTRY_ID");
  if (!tend_incentive_parse_id (argv[2], &id, &error))
    return tend_cli_fail (error);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (!tend_incentive_remove (tend_cli_store (cli, NULL), book, id, cli->as_of, &error))
    return tend_cli_fail (error);
  fprintf (stderr, "Removed incentive entry %" G_GINT64_FORMAT "\n", id);
  return TEND_CLI_OK;
}

static int
run_incentive (TendCli  *cli,
               int       argc,
               char    **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return run_incentive_add (cli, argc, argv);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return run_incentive_remove (cli, argc, argv);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("Usage:\n"
              "  tend-cli incentive add --person NAME --role sales|onboarding|csm|executive\n"
              "      --kind new_business|renewal|expansion|csm_bonus --account ID [--deal ID]\n"
              "      --amount AMOUNT [--currency USD] --earned YYYY-MM-DD [--json]\n"
              "  tend-cli incentive remove ENTRY_ID\n");
      return TEND_CLI_OK;
    }
  return tend_cli_usage_error ("incentive", "expected “add” or “remove”; see tend-cli incentive --help");
}

/* incentives: the ledger */

static TendLedger *
load_ledger (TendCli  *cli,
             GError  **error)
{
  g_autoptr(GArray) health = NULL;
  TendSettings settings = { 0 };
  TendBook *book;
  TendStore *store;

  if ((book = tend_cli_book (cli, error)) == NULL)
    return NULL;
  store = tend_cli_store (cli, NULL);
  load_settings (&settings);
  health = tend_health_compute_book (store, book, cli->as_of, &settings, error);
  tend_settings_clear (&settings);
  if (health == NULL)
    return NULL;
  return tend_ledger_load (store, book, cli->as_of, health, error);
}

static void
print_ledger_json (const TendLedger *ledger,
                   const TendBook   *book)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  tend_cli_json_add_day (b, "as_of", ledger->as_of);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (ledger->lines, TendLedgerLine, i);

      json_builder_begin_object (b);
      add_entry_members (b, book, line->entry);
      add_int_member (b, "clawback", line->clawback.clawback);
      tend_cli_json_add_string_or_null (b, "clawback_status",
                                        line->clawback.status == TEND_CLAWBACK_NONE ? NULL
                                        : tend_clawback_status_to_string (line->clawback.status));
      tend_cli_json_add_day (b, "churn_date", line->clawback.churn_day);
      add_int_member (b, "exposure", line->exposure);
      json_builder_set_member_name (b, "is_red_tier");
      json_builder_add_boolean_value (b, line->is_red);
      tend_cli_json_add_string_or_null (b, "created_by", line->entry->created_by);
      tend_cli_json_add_string_or_null (b, "created_at", line->entry->created_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "people");
  json_builder_begin_array (b);
  for (guint i = 0; i < ledger->people->len; i++)
    {
      const TendPersonTotals *t = &g_array_index (ledger->people, TendPersonTotals, i);

      json_builder_begin_object (b);
      tend_cli_json_add_string_or_null (b, "person", t->person);
      tend_cli_json_add_string_or_null (b, "currency", t->currency);
      add_int_member (b, "entries", t->n_entries);
      add_int_member (b, "earned", t->earned);
      add_int_member (b, "clawed_back", t->clawed_back);
      add_int_member (b, "applied", t->applied);
      add_int_member (b, "net", t->net);
      add_int_member (b, "exposure", t->exposure);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "red_tier_exposure");
  json_builder_begin_array (b);
  for (guint i = 0; i < ledger->red_exposure->len; i++)
    {
      const TendCurrencyAmount *c = &g_array_index (ledger->red_exposure, TendCurrencyAmount, i);

      json_builder_begin_object (b);
      tend_cli_json_add_string_or_null (b, "currency", c->currency);
      add_int_member (b, "exposure", c->amount);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  print_builder (b);
}

static void
print_ledger_table (const TendLedger *ledger)
{
  printf ("%-6s %-24s %-10s %-12s %-12s %-10s %16s %16s %-9s %16s\n", "ID", "PERSON", "ROLE", "KIND",
          "ACCOUNT", "EARNED", "AMOUNT", "CLAWBACK", "STATUS", "EXPOSURE");
  for (guint i = 0; i < ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (ledger->lines, TendLedgerLine, i);
      const TendIncentiveEntry *e = line->entry;
      g_autofree char *amount = tend_money_format (e->amount, e->currency);
      g_autofree char *clawback = tend_money_format (line->clawback.clawback, e->currency);
      g_autofree char *exposure = tend_money_format (line->exposure, e->currency);
      char earned[11];

      tend_day_format (e->earned, earned);
      printf ("%-6" G_GINT64_FORMAT " %-24.24s %-10s %-12s %-12.12s %-10s %16s %16s %-9s %16s\n",
              e->id, e->person, tend_incentive_role_to_string (e->role),
              tend_incentive_kind_to_string (e->kind), e->account_id, earned, amount,
              line->clawback.status == TEND_CLAWBACK_NONE ? "—" : clawback,
              line->clawback.status == TEND_CLAWBACK_NONE ? "—" : tend_clawback_status_to_string (line->clawback.status),
              exposure);
    }
  printf ("\n%-24s %-4s %16s %16s %16s %16s\n", "PERSON", "CUR", "EARNED", "CLAWED BACK", "NET", "EXPOSURE");
  for (guint i = 0; i < ledger->people->len; i++)
    {
      const TendPersonTotals *t = &g_array_index (ledger->people, TendPersonTotals, i);
      g_autofree char *earned = tend_money_format (t->earned, NULL);
      g_autofree char *clawed = tend_money_format (t->clawed_back, NULL);
      g_autofree char *net = tend_money_format (t->net, NULL);
      g_autofree char *exposure = tend_money_format (t->exposure, NULL);

      printf ("%-24.24s %-4s %16s %16s %16s %16s\n", t->person, t->currency, earned, clawed, net, exposure);
    }
  for (guint i = 0; i < ledger->red_exposure->len; i++)
    {
      const TendCurrencyAmount *c = &g_array_index (ledger->red_exposure, TendCurrencyAmount, i);
      g_autofree char *amount = tend_money_format (c->amount, c->currency);

      printf ("Exposure on red-tier accounts: %s\n", amount);
    }
}

/* The payroll export: one row per person and currency. */
static void
write_ledger_csv (const TendLedger *ledger)
{
  g_autoptr(TendCsvWriter) csv = tend_incentives_csv_payroll (ledger);

  fwrite (tend_csv_writer_get_text (csv), 1, tend_csv_writer_get_length (csv), stdout);
}

static int
run_incentives (TendCli  *cli,
                int       argc,
                char    **argv)
{
  gboolean as_json = FALSE, as_csv = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, "Print the per-person totals as CSV (payroll)", NULL },
    { NULL }
  };
  g_autoptr(TendLedger) ledger = NULL;
  GError *error = NULL;
  int status;

  if (!tend_cli_parse_options ("incentives", "- the incentive ledger with per-person totals", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("incentives", "unexpected argument “%s”", argv[1]);
  if (as_json && as_csv)
    return tend_cli_usage_error ("incentives", "--json and --csv exclude each other");
  if ((ledger = load_ledger (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (as_csv)
    write_ledger_csv (ledger);
  else if (as_json)
    print_ledger_json (ledger, cli->book);
  else
    print_ledger_table (ledger);
  return TEND_CLI_OK;
}

/* clawbacks: the queue */

/* The clawback queue as CSV, for payroll to deduct. */
static void
write_clawbacks_csv (const TendLedger *ledger,
                     const TendBook   *book)
{
  g_autoptr(TendCsvWriter) csv = tend_incentives_csv_clawbacks (ledger, book);

  fwrite (tend_csv_writer_get_text (csv), 1, tend_csv_writer_get_length (csv), stdout);
}

static int
run_clawbacks (TendCli  *cli,
               int       argc,
               char    **argv)
{
  gboolean as_json = FALSE, as_csv = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, "Print CSV (the payroll export)", NULL },
    { NULL }
  };
  g_autoptr(TendLedger) ledger = NULL;
  GError *error = NULL;
  int status;

  if (!tend_cli_parse_options ("clawbacks", "- every triggered clawback and its status", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("clawbacks", "unexpected argument “%s”", argv[1]);
  if (as_json && as_csv)
    return tend_cli_usage_error ("clawbacks", "--json and --csv exclude each other");
  if ((ledger = load_ledger (cli, &error)) == NULL)
    return tend_cli_fail (error);

  if (as_csv)
    {
      write_clawbacks_csv (ledger, cli->book);
      return TEND_CLI_OK;
    }
  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < ledger->lines->len; i++)
        {
          const TendLedgerLine *line = &g_array_index (ledger->lines, TendLedgerLine, i);

          if (line->clawback.status != TEND_CLAWBACK_NONE)
            add_clawback_json (b, cli->book, line->entry, &line->clawback);
        }
      json_builder_end_array (b);
      return print_builder (b);
    }

  printf ("%-6s %-24s %-10s %-12s %-12s %-10s %16s %16s %-9s\n", "ID", "PERSON", "ROLE", "KIND",
          "ACCOUNT", "CHURNED", "AMOUNT", "CLAWBACK", "STATUS");
  for (guint i = 0; i < ledger->lines->len; i++)
    {
      const TendLedgerLine *line = &g_array_index (ledger->lines, TendLedgerLine, i);
      const TendIncentiveEntry *e = line->entry;
      g_autofree char *amount = tend_money_format (e->amount, e->currency);
      g_autofree char *clawback = tend_money_format (line->clawback.clawback, e->currency);
      char churn[11];

      if (line->clawback.status == TEND_CLAWBACK_NONE)
        continue;
      tend_day_format (line->clawback.churn_day, churn);
      printf ("%-6" G_GINT64_FORMAT " %-24.24s %-10s %-12s %-12.12s %-10s %16s %16s %-9s\n",
              e->id, e->person, tend_incentive_role_to_string (e->role),
              tend_incentive_kind_to_string (e->kind), e->account_id, churn, amount, clawback,
              tend_clawback_status_to_string (line->clawback.status));
    }
  return TEND_CLI_OK;
}

/* clawback approve|apply|waive ENTRY_ID [--reason TEXT] */

static int
run_clawback (TendCli  *cli,
              int       argc,
              char    **argv)
{
  g_autofree char *reason = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Why the clawback is waived (waive only)", "TEXT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the clawback as JSON", NULL },
    { NULL }
  };
  g_autoptr(TendIncentiveEntry) entry = NULL;
  TendClawback clawback = { 0 };
  GError *error = NULL;
  const char *action;
  TendBook *book;
  TendStore *store;
  gboolean ok;
  gint64 id;
  int status;

  if (!tend_cli_parse_options ("clawback", "approve|apply|waive ENTRY_ID - decide a clawback",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("clawback", "expected approve, apply or waive and one ENTRY_ID");
  action = argv[1];
  if (!g_str_equal (action, "approve") && !g_str_equal (action, "apply") && !g_str_equal (action, "waive"))
    return tend_cli_usage_error ("clawback", "unknown action “%s”; expected approve, apply or waive", action);
  if (g_str_equal (action, "waive") && (reason == NULL || *g_strstrip (reason) == '\0'))
    return tend_cli_usage_error ("clawback", "waive needs --reason TEXT");
  if (!g_str_equal (action, "waive") && reason != NULL)
    return tend_cli_usage_error ("clawback", "--reason goes with waive only");
  if (!tend_incentive_parse_id (argv[2], &id, &error))
    return tend_cli_fail (error);

  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  store = tend_cli_store (cli, NULL);
  if (g_str_equal (action, "approve"))
    ok = tend_clawback_approve (store, book, id, cli->as_of, &error);
  else if (g_str_equal (action, "apply"))
    ok = tend_clawback_apply (store, book, id, cli->as_of, &error);
  else
    ok = tend_clawback_waive (store, book, id, reason, cli->as_of, &error);
  if (!ok || !tend_clawback_get (store, book, id, cli->as_of, &entry, &clawback, &error))
    return tend_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      add_clawback_json (b, book, entry, &clawback);
      print_builder (b);
    }
  else
    printf ("Clawback of entry %" G_GINT64_FORMAT ": %s\n", id,
            tend_clawback_status_to_string (clawback.status));
  tend_clawback_clear (&clawback);
  return TEND_CLI_OK;
}

/* nrr */

static void
add_retention_members (JsonBuilder         *b,
                       const TendRetention *r)
{
  double ratio = 0;
  gboolean has_ratio;

  tend_cli_json_add_string_or_null (b, "currency", r ? r->currency : NULL);
  add_int_member (b, "accounts", r ? r->n_accounts : 0);
  add_int_member (b, "churned_accounts", r ? r->n_churned : 0);
  add_int_member (b, "accounts_missing_arr", r ? r->n_missing_arr : 0);
  add_int_member (b, "arr0", r ? r->arr0 : 0);
  add_int_member (b, "expansion", r ? r->expansion : 0);
  add_int_member (b, "contraction", r ? r->contraction : 0);
  add_int_member (b, "churned", r ? r->churned : 0);
  has_ratio = r != NULL && tend_retention_nrr (r, &ratio);
  add_ratio_member (b, "nrr", has_ratio, ratio);
  has_ratio = r != NULL && tend_retention_grr (r, &ratio);
  add_ratio_member (b, "grr", has_ratio, ratio);
}

static char *
format_ratio (const TendRetention *r,
              gboolean           (*ratio_func) (const TendRetention *, double *))
{
  double ratio;

  if (r == NULL || !ratio_func (r, &ratio))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", ratio * 100.0);
}

static void
print_retention_row (const char          *owner,
                     const TendRetention *r)
{
  g_autofree char *arr0 = tend_money_format (r->arr0, NULL);
  g_autofree char *expansion = tend_money_format (r->expansion, NULL);
  g_autofree char *contraction = tend_money_format (r->contraction, NULL);
  g_autofree char *churned = tend_money_format (r->churned, NULL);
  g_autofree char *nrr = format_ratio (r, tend_retention_nrr);
  g_autofree char *grr = format_ratio (r, tend_retention_grr);

  printf ("%-24.24s %-4s %8u %16s %16s %16s %16s %8s %8s\n", owner, r->currency, r->n_accounts,
          arr0, expansion, contraction, churned, nrr, grr);
}

static int
run_nrr (TendCli  *cli,
         int       argc,
         char    **argv)
{
  g_autofree char *from_text = NULL, *to_text = NULL, *owner = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, "Start of the period (P0)", "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "End of the period (P1)", "YYYY-MM-DD" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, "Only this CSM's portfolio", "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(TendNrrReport) report = NULL;
  TendSettings settings = { 0 };
  GError *error = NULL;
  TendDay from, to;
  TendBook *book;
  double target;
  int status;

  if (!tend_cli_parse_options ("nrr", "- net and gross revenue retention per CSM portfolio",
                               entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("nrr", "unexpected argument “%s”", argv[1]);
  if (from_text == NULL || to_text == NULL)
    return tend_cli_usage_error ("nrr", "--from and --to are required");
  if (!tend_day_parse (from_text, &from, &error) || !tend_day_parse (to_text, &to, &error))
    return tend_cli_fail (error);
  if (from > to)
    return tend_cli_usage_error ("nrr", "--from %s is after --to %s", from_text, to_text);

  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if ((report = tend_nrr_report_compute (book, from, to, cli->as_of, owner, &error)) == NULL)
    return tend_cli_fail (error);
  load_settings (&settings);
  target = settings.nrr_target;
  tend_settings_clear (&settings);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      tend_cli_json_add_day (b, "from", from);
      tend_cli_json_add_day (b, "to", to);
      tend_cli_json_add_day (b, "as_of", cli->as_of);
      json_builder_set_member_name (b, "nrr_target");
      json_builder_add_double_value (b, target);
      json_builder_set_member_name (b, "portfolios");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->portfolios->len; i++)
        {
          const TendRetention *r = &g_array_index (report->portfolios, TendRetention, i);

          json_builder_begin_object (b);
          tend_cli_json_add_string_or_null (b, "owner_id", r->owner_id);
          tend_cli_json_add_string_or_null (b, "owner_name", tend_book_owner_name (book, r->owner_id));
          add_retention_members (b, r);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "total");
      json_builder_begin_object (b);
      add_retention_members (b, report->totals->len > 0
                             ? &g_array_index (report->totals, TendRetention, 0) : NULL);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "totals_by_currency");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->totals->len; i++)
        {
          json_builder_begin_object (b);
          add_retention_members (b, &g_array_index (report->totals, TendRetention, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      return print_builder (b);
    }

  printf ("%-24s %-4s %8s %16s %16s %16s %16s %8s %8s\n", "OWNER", "CUR", "ACCOUNTS", "ARR0",
          "EXPANSION", "CONTRACTION", "CHURNED", "NRR", "GRR");
  for (guint i = 0; i < report->portfolios->len; i++)
    {
      const TendRetention *r = &g_array_index (report->portfolios, TendRetention, i);
      const char *name = tend_book_owner_name (book, r->owner_id);

      print_retention_row (name ? name : "(no owner)", r);
    }
  for (guint i = 0; i < report->totals->len; i++)
    print_retention_row ("Total", &g_array_index (report->totals, TendRetention, i));
  printf ("NRR target: %.1f%%\n", target * 100.0);
  return TEND_CLI_OK;
}

const TendCliCommand tend_cli_incentives_commands[] = {
  { "incentive", "Add or remove an incentive entry (add|remove)", run_incentive },
  { "incentives", "The incentive ledger with per-person totals [--json|--csv]", run_incentives },
  { "clawbacks", "Every triggered clawback [--json|--csv]", run_clawbacks },
  { "clawback", "Decide a clawback: approve|apply|waive ENTRY_ID [--reason TEXT]", run_clawback },
  { "nrr", "NRR and GRR per CSM portfolio --from DATE --to DATE [--owner ID] [--json]", run_nrr },
  { NULL }
};
