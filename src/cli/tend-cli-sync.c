// tend-cli sync: mirror the CRM into the workspace and summarise the run.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>

#include "tend-cli.h"
#include "tend-error.h"
#include "tend-http.h"
#include "tend-settings.h"
#include "tend-snapshots.h"
#include "tend-sync.h"
#include "tend-token.h"

#define MAX_LISTED_SKIPS 20

typedef struct {
  gint64      last_line_us;
  const char *last_type;
} ProgressState;

static void
on_progress (const TendSyncProgress *progress,
             gpointer                user_data)
{
  ProgressState *state = user_data;
  gint64 now = g_get_monotonic_time ();
  gboolean is_done = g_strcmp0 (progress->phase, "done") == 0;

  /* One line per object type when it finishes, and at most two a second
   * while it runs. */
  if (!is_done && state->last_type == progress->object_type && now - state->last_line_us < 500000)
    return;
  state->last_line_us = now;
  state->last_type = progress->object_type;
  fprintf (stderr, "sync: %-20s %-9s %5u pages %8" G_GINT64_FORMAT " records %6" G_GINT64_FORMAT
           " skipped %6" G_GINT64_FORMAT " deleted\n",
           progress->object_type, progress->phase, progress->pages, progress->records,
           progress->skipped, progress->deleted);
}

static void
print_summary (TendSyncReport *report)
{
  guint n_skipped = tend_sync_report_get_n_skipped (report);
  gint64 total_skipped = tend_sync_report_get_total_skipped (report);

  fprintf (stderr, "\n%-20s %-12s %10s %10s %8s %8s %7s %9s\n",
           "OBJECT", "MODE", "FETCHED", "WRITTEN", "SKIPPED", "DELETED", "PAGES", "REQUESTS");
  for (guint i = 0; i < tend_sync_report_get_n_types (report); i++)
    {
      const TendSyncTypeReport *type = tend_sync_report_get_type_report (report, i);

      if (type->mode == NULL)
        continue;
      fprintf (stderr, "%-20s %-12s %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT " %8" G_GINT64_FORMAT
               " %8" G_GINT64_FORMAT " %7u %9u%s\n",
               type->object_type, type->mode, type->fetched, type->written, type->skipped,
               type->deleted, type->pages, type->requests, type->completed ? "" : "  (incomplete)");
    }
  if (total_skipped > 0)
    {
      fprintf (stderr, "\nSkipped records:\n");
      for (guint i = 0; i < MIN (n_skipped, MAX_LISTED_SKIPS); i++)
        {
          const TendSyncSkippedRecord *skip = tend_sync_report_get_skipped (report, i);
          fprintf (stderr, "  %s %s: %s\n", skip->object_type,
                   skip->record_id ? skip->record_id : "(no id)", skip->reason);
        }
      if (total_skipped > MAX_LISTED_SKIPS)
        fprintf (stderr, "  … and %" G_GINT64_FORMAT " more (all are listed in the workspace's sync issues)\n",
                 total_skipped - MAX_LISTED_SKIPS);
    }
  fprintf (stderr, "\n%s sync %s in %.1f s with %u requests\n",
           tend_sync_report_get_mode (report) ? tend_sync_report_get_mode (report) : "no",
           tend_sync_report_get_succeeded (report) ? "finished" : "failed",
           tend_sync_report_get_duration_ms (report) / 1000.0,
           tend_sync_report_get_n_requests (report));
}

static void
replace_string (char       **slot,
                const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/* field-mapping a{ss} from GSettings, or NULL. */
static GHashTable *
read_mapping_overrides (GSettings *settings)
{
  g_autoptr(GVariant) value = NULL;
  GHashTable *overrides;
  GVariantIter iter;
  const char *key, *property;

  if (settings == NULL)
    return NULL;
  value = g_settings_get_value (settings, "field-mapping");
  if (g_variant_n_children (value) == 0)
    return NULL;
  overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &property))
    g_hash_table_insert (overrides, g_strdup (key), g_strdup (property));
  return overrides;
}

/* DOMAIN.md 5: after every sync, each account's health is stored for the
 * as-of day (replacing that day's), which also raises new alerts. */
static int
take_snapshots (TendCli *cli)
{
  g_autoptr(GSettings) gsettings = tend_settings_new_gsettings ();
  GError *error = NULL;
  TendSettings settings = { 0 };
  TendBook *book;
  gboolean ok;

  tend_settings_load (&settings, gsettings);
  book = tend_cli_book (cli, &error);
  ok = book != NULL &&
       tend_health_take_snapshots (tend_cli_store (cli, NULL), book, cli->as_of, &settings, TRUE, &error);
  tend_settings_clear (&settings);
  if (!ok)
    {
      g_prefix_error (&error, "The sync finished but the health snapshots were not stored: ");
      return tend_cli_fail (error);
    }
  fprintf (stderr, "health snapshots stored for %u accounts\n", book->n_accounts);
  return TEND_CLI_OK;
}

static int
run_sync (TendCli  *cli,
          int       argc,
          char    **argv)
{
  g_autofree char *provider_arg = NULL;
  g_autofree char *base_url_arg = NULL;
  gboolean full = FALSE;
  GOptionEntry entries[] = {
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider_arg, "CRM provider (hubspot or salesforce)", "NAME" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url_arg, "CRM base URL (default: the last one used)", "URL" },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, "Sync everything again, not only the changes", NULL },
    { NULL }
  };
  g_auto(TendSyncOptions) options = { NULL };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(TendSyncReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *last_provider = NULL;
  g_autofree char *last_base_url = NULL;
  ProgressState state = { 0 };
  GError *error = NULL;
  TendStore *store;
  int status;

  if (!tend_cli_parse_options ("sync", "- mirror the CRM into the workspace", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("sync", "unexpected argument “%s”", argv[1]);
  if (provider_arg != NULL && g_strcmp0 (provider_arg, "hubspot") != 0 && g_strcmp0 (provider_arg, "salesforce") != 0)
    return tend_cli_usage_error ("sync", "unknown provider “%s”; use hubspot or salesforce", provider_arg);
  if (base_url_arg != NULL && !tend_http_check_base_url (base_url_arg, &local_error))
    {
      if (g_error_matches (local_error, TEND_ERROR, TEND_ERROR_INSECURE))
        {
          fprintf (stderr, "tend-cli: %s\n", local_error->message);
          return TEND_CLI_FAILURE;
        }
      return tend_cli_usage_error ("sync", "%s", local_error->message);
    }

  if ((store = tend_cli_store (cli, &error)) == NULL)
    return tend_cli_fail (error);
  last_provider = tend_store_meta_get (store, TEND_SYNC_META_PROVIDER);
  last_base_url = tend_store_meta_get (store, TEND_SYNC_META_BASE_URL);
  settings = tend_settings_new_gsettings ();

  tend_sync_options_init (&options);
  options.full = full;
  if (provider_arg != NULL)
    replace_string (&options.provider, provider_arg);
  else if (last_provider != NULL)
    replace_string (&options.provider, last_provider);
  else if (settings != NULL)
    {
      g_free (options.provider);
      options.provider = g_settings_get_string (settings, "provider");
    }

  /* The last base URL belongs to the last provider. */
  if (base_url_arg != NULL)
    replace_string (&options.base_url, base_url_arg);
  else if (last_base_url != NULL && g_strcmp0 (last_provider, options.provider) == 0)
    replace_string (&options.base_url, last_base_url);
  else if (settings != NULL)
    {
      g_autofree char *configured = g_settings_get_string (settings, "base-url");
      if (configured != NULL && *configured != '\0')
        replace_string (&options.base_url, configured);
    }
  options.mapping_overrides = read_mapping_overrides (settings);
  /* Salesforce has no shared host: each org has its own instance URL. */
  if (g_strcmp0 (options.provider, "salesforce") == 0 &&
      g_strcmp0 (options.base_url, TEND_SYNC_DEFAULT_BASE_URL) == 0)
    return tend_cli_usage_error ("sync", "Salesforce needs the org's instance URL: add --base-url "
                                 "https://YOUR-DOMAIN.my.salesforce.com");

  options.token = tend_token_lookup (options.provider, options.base_url, NULL, NULL, &local_error);
  if (options.token == NULL)
    {
      fprintf (stderr, "tend-cli: %s\n", local_error->message);
      return TEND_CLI_FAILURE;
    }

  fprintf (stderr, "sync: %s at %s%s\n", options.provider, options.base_url, full ? " (full)" : "");
  if (!tend_sync_run (cli->workspace_path, &options, NULL, on_progress, &state, &report, &local_error))
    {
      if (report != NULL)
        print_summary (report);
      fprintf (stderr, "tend-cli: %s\n", local_error->message);
      return TEND_CLI_FAILURE;
    }
  print_summary (report);
  return take_snapshots (cli);
}

const TendCliCommand tend_cli_sync_commands[] = {
  { "sync", "Mirror the CRM into the workspace [--provider hubspot|salesforce] [--base-url URL] [--full]", run_sync },
  { NULL }
};
