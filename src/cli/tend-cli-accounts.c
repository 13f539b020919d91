// tend-cli accounts: the mirrored accounts of the workspace.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>

#include "tend-cli.h"
#include "tend-money.h"

static void
add_account_json (JsonBuilder       *b,
                  const TendBook    *book,
                  const TendAccount *a)
{
  json_builder_begin_object (b);
  tend_cli_json_add_string_or_null (b, "account_id", a->id);
  tend_cli_json_add_string_or_null (b, "name", a->name);
  tend_cli_json_add_string_or_null (b, "owner_id", a->owner_id);
  tend_cli_json_add_string_or_null (b, "owner_name", tend_book_owner_name (book, a->owner_id));
  tend_cli_json_add_string_or_null (b, "segment", a->segment);
  tend_cli_json_add_string_or_null (b, "region", a->region);
  tend_cli_json_add_int_or_null (b, "arr", a->has_arr, a->arr);
  tend_cli_json_add_string_or_null (b, "currency", a->currency);
  tend_cli_json_add_day (b, "contract_start", a->contract_start);
  tend_cli_json_add_day (b, "contract_end", a->contract_end);
  tend_cli_json_add_day (b, "renewal_date", tend_account_renewal_day (book, a));
  tend_cli_json_add_day (b, "churn_date", tend_account_churn_day (book, a));
  json_builder_end_object (b);
}

static int
run_accounts (TendCli  *cli,
              int       argc,
              char    **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  GError *error = NULL;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("accounts", "- list the cached accounts", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("accounts", "unexpected argument “%s”", argv[1]);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < book->n_accounts; i++)
        add_account_json (b, book, &book->accounts[i]);
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tend_cli_print_json (root);
      return TEND_CLI_OK;
    }

  printf ("%-12s %-32s %-20s %-12s %16s  %-10s\n", "ID", "NAME", "OWNER", "SEGMENT", "ARR", "RENEWAL");
  for (guint i = 0; i < book->n_accounts; i++)
    {
      const TendAccount *a = &book->accounts[i];
      g_autofree char *arr = a->has_arr ? tend_money_format (a->arr, a->currency) : g_strdup ("—");
      g_autofree char *renewal = tend_day_to_iso (tend_account_renewal_day (book, a));
      printf ("%-12s %-32.32s %-20.20s %-12s %16s  %-10s\n", a->id, a->name,
              tend_book_owner_name (book, a->owner_id) ? tend_book_owner_name (book, a->owner_id) : "—",
              a->segment ? a->segment : "—", arr, renewal ? renewal : "—");
    }
  fprintf (stderr, "%u accounts\n", book->n_accounts);
  return TEND_CLI_OK;
}

const TendCliCommand tend_cli_accounts_commands[] = {
  { "accounts", "List the cached accounts [--json]", run_accounts },
  { NULL }
};
