// tend-cli renewals, assess, assessments and milestone (DOMAIN.md 6).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tend-assessment.h"
#include "tend-cli.h"
#include "tend-error.h"
#include "tend-ics.h"
#include "tend-money.h"
#include "tend-renewals.h"
#include "tend-renewals-csv.h"
#include "tend-settings.h"

#define MAX_HORIZON_DAYS 3660

typedef enum {
  FORMAT_TABLE,
  FORMAT_JSON,
  FORMAT_CSV,
  FORMAT_ICS,
} OutputFormat;

static void
load_settings (TendSettings *settings)
{
  g_autoptr(GSettings) gsettings = tend_settings_new_gsettings ();

  tend_settings_load (settings, gsettings);
}

/* Writes text to path atomically, or to stdout when path is NULL. */
static int
emit (const char *text,
      const char *path)
{
  GError *error = NULL;

  if (path == NULL)
    {
      fputs (text, stdout);
      return TEND_CLI_OK;
    }
  if (!g_file_set_contents (path, text, -1, &error))
    {
      g_autoptr(GError) local = error;
      error = g_error_new (TEND_ERROR, TEND_ERROR_FAILED, "Cannot write %s: %s; choose another --output",
                           path, local->message);
      return tend_cli_fail (error);
    }
  return TEND_CLI_OK;
}

static void
add_assessment_members (JsonBuilder          *b,
                        const TendAssessment *a)
{
  g_auto(GStrv) reasons = tend_risk_reasons_to_strv (a->reasons);

  tend_cli_json_add_string_or_null (b, "risk", tend_risk_to_string (a->risk));
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; reasons[i] != NULL; i++)
    json_builder_add_string_value (b, reasons[i]);
  json_builder_end_array (b);
  tend_cli_json_add_string_or_null (b, "mitigation", a->mitigation);
  tend_cli_json_add_int_or_null (b, "forecast_amount", a->has_forecast, a->forecast_amount);
  tend_cli_json_add_string_or_null (b, "forecast_currency", a->forecast_currency);
  tend_cli_json_add_string_or_null (b, "owner", a->owner);
  tend_cli_json_add_string_or_null (b, "next_step", a->next_step);
  tend_cli_json_add_day (b, "next_step_date", a->next_step_date);
  tend_cli_json_add_string_or_null (b, "assessed_by", a->assessed_by);
  tend_cli_json_add_string_or_null (b, "assessed_at", a->assessed_at);
  tend_cli_json_add_int_or_null (b, "assessment_id", TRUE, a->id);
  tend_cli_json_add_day (b, "renewal_date", a->renewal_date);
}

static void
add_renewal_json (JsonBuilder       *b,
                  const TendRenewal *r)
{
  const TendAccount *a = r->account;

  json_builder_begin_object (b);
  tend_cli_json_add_string_or_null (b, "account_id", a->id);
  tend_cli_json_add_string_or_null (b, "name", a->name);
  tend_cli_json_add_day (b, "renewal_date", r->renewal_date);
  tend_cli_json_add_int_or_null (b, "days_left", TRUE, r->days_left);
  tend_cli_json_add_int_or_null (b, "arr", a->has_arr, a->arr);
  tend_cli_json_add_string_or_null (b, "currency", a->currency);
  tend_cli_json_add_string_or_null (b, "tier", tend_tier_to_string (r->tier));
  json_builder_set_member_name (b, "assessment");
  if (r->assessment != NULL)
    {
      json_builder_begin_object (b);
      add_assessment_members (b, r->assessment);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "milestones");
  json_builder_begin_array (b);
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    {
      const TendMilestone *m = &r->milestones[k];

      json_builder_begin_object (b);
      tend_cli_json_add_string_or_null (b, "kind", tend_milestone_kind_to_string (m->kind));
      tend_cli_json_add_int_or_null (b, "days_before", TRUE, m->days_before);
      tend_cli_json_add_day (b, "due_date", m->due_date);
      json_builder_set_member_name (b, "done");
      json_builder_add_boolean_value (b, m->is_done);
      tend_cli_json_add_string_or_null (b, "done_by", m->done_by);
      tend_cli_json_add_string_or_null (b, "done_at", m->done_at);
      json_builder_set_member_name (b, "past_due");
      json_builder_add_boolean_value (b, m->is_past_due);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  tend_cli_json_add_string_or_null (b, "owner_id", a->owner_id);
  json_builder_set_member_name (b, "assessment_missing");
  json_builder_add_boolean_value (b, r->assessment == NULL);
  json_builder_end_object (b);
}


static JsonNode *
renewals_json (GPtrArray *renewals)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < renewals->len; i++)
    add_renewal_json (b, g_ptr_array_index (renewals, i));
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* Pads or cuts text to width characters (not bytes: names are UTF-8). */
static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    align_end)
{
  const char *t = text != NULL ? text : "—";
  glong n = g_utf8_strlen (t, -1);

  if ((guint) n > width)
    {
      const char *cut = g_utf8_offset_to_pointer (t, width - 1);
      g_string_append_len (out, t, cut - t);
      g_string_append (out, "…");
      return;
    }
  if (align_end)
    for (glong i = n; i < (glong) width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, t);
  if (!align_end)
    for (glong i = n; i < (glong) width; i++)
      g_string_append_c (out, ' ');
}

static char *
renewals_table (GPtrArray *renewals)
{
  GString *out = g_string_new (NULL);

  append_cell (out, "RENEWAL", 10, FALSE);
  g_string_append (out, "  ");
  append_cell (out, "DAYS", 4, TRUE);
  g_string_append (out, "  ");
  append_cell (out, "ID", 10, FALSE);
  g_string_append (out, "  ");
  append_cell (out, "ACCOUNT", 28, FALSE);
  g_string_append (out, "  ");
  append_cell (out, "ARR", 18, TRUE);
  g_string_append (out, "  ");
  append_cell (out, "TIER", 7, FALSE);
  g_string_append (out, "  ");
  append_cell (out, "RISK", 8, FALSE);
  g_string_append (out, "  MILESTONES (90/60/30 days out)\n");
  for (guint i = 0; i < renewals->len; i++)
    {
      const TendRenewal *r = g_ptr_array_index (renewals, i);
      g_autofree char *arr = r->account->has_arr
                             ? tend_money_format (r->account->arr, r->account->currency) : NULL;
      char day[11], days[16];

      tend_day_format (r->renewal_date, day);
      g_snprintf (days, sizeof days, "%d", r->days_left);
      append_cell (out, day, 10, FALSE);
      g_string_append (out, "  ");
      append_cell (out, days, 4, TRUE);
      g_string_append (out, "  ");
      append_cell (out, r->account->id, 10, FALSE);
      g_string_append (out, "  ");
      append_cell (out, r->account->name, 28, FALSE);
      g_string_append (out, "  ");
      append_cell (out, arr, 18, TRUE);
      g_string_append (out, "  ");
      append_cell (out, tend_tier_to_string (r->tier), 7, FALSE);
      g_string_append (out, "  ");
      append_cell (out, r->assessment != NULL ? tend_risk_to_string (r->assessment->risk) : "MISSING",
                   8, FALSE);
      g_string_append (out, " ");
      for (guint k = 0; k < TEND_N_MILESTONES; k++)
        {
          const TendMilestone *m = &r->milestones[k];
          g_string_append_printf (out, " %u %s", m->days_before,
                                  m->is_done ? "done" : m->is_past_due ? "LATE" : "open");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_format (const char   *text,
              OutputFormat *out)
{
  static const char * const names[] = { "table", "json", "csv", "ics" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (OutputFormat) i;
        return TRUE;
      }
  return FALSE;
}

static int
run_renewals (TendCli  *cli,
              int       argc,
              char    **argv)
{
  g_autofree char *days_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text, "Horizon in days (default: the setting, 90)", "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, "Output format: table, json, csv or ics", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };
  g_autoptr(GPtrArray) renewals = NULL;
  g_autofree char *text = NULL;
  OutputFormat format = FORMAT_TABLE;
  TendSettings settings;
  GError *error = NULL;
  guint horizon;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("renewals", "- list the renewals in the horizon", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("renewals", "unexpected argument “%s”", argv[1]);
  if (format_text != NULL && !parse_format (format_text, &format))
    return tend_cli_usage_error ("renewals", "--format must be table, json, csv or ics, not “%s”", format_text);
  if (output != NULL && *output == '\0')
    return tend_cli_usage_error ("renewals", "--output needs a file name, such as renewals.ics");

  tend_settings_init_defaults (&settings);
  load_settings (&settings);
  horizon = settings.renewal_horizon_days;
  if (days_text != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (days_text, 10, 1, MAX_HORIZON_DAYS, &value, NULL))
        {
          tend_settings_clear (&settings);
          return tend_cli_usage_error ("renewals", "--days must be a whole number of days from 1 to %d, not “%s”",
                                       MAX_HORIZON_DAYS, days_text);
        }
      horizon = (guint) value;
    }

  if ((book = tend_cli_book (cli, &error)) == NULL)
    {
      tend_settings_clear (&settings);
      return tend_cli_fail (error);
    }
  renewals = tend_renewals_list (cli->store, book, cli->as_of, horizon, &settings, &error);
  tend_settings_clear (&settings);
  if (renewals == NULL)
    return tend_cli_fail (error);

  switch (format)
    {
    case FORMAT_JSON:
      {
        g_autoptr(JsonNode) root = renewals_json (renewals);

        if (output == NULL)
          {
            tend_cli_print_json (root);
            return TEND_CLI_OK;
          }
        /* Only strings, integers and booleans: json-glib writes them exactly. */
        {
          g_autofree char *json = json_to_string (root, TRUE);
          text = g_strconcat (json, "\n", NULL);
        }
      }
      break;
    case FORMAT_CSV:
      text = tend_renewals_csv (renewals, book);
      break;
    case FORMAT_ICS:
      text = tend_ics_renewals (renewals, book, NULL);
      break;
    case FORMAT_TABLE:
    default:
      text = renewals_table (renewals);
      if (output == NULL)
        {
          char day[11];

          tend_day_format (cli->as_of, day);
          fprintf (stderr, "%u renewals from %s through the next %u days\n", renewals->len, day, horizon);
        }
      break;
    }
  return emit (text, output);
}

static void
print_assessment (const TendAssessment *a,
                  const TendAccount    *account,
                  gboolean              is_current)
{
  g_auto(GStrv) reasons = tend_risk_reasons_to_strv (a->reasons);
  char day[11];

  tend_day_format (a->renewal_date, day);
  printf ("Assessment %" G_GINT64_FORMAT " of %s (%s), renewal %s%s\n", a->id,
          account != NULL ? account->name : a->account_id, a->account_id, day,
          is_current ? "" : " (history)");
  printf ("  Risk:        %s\n", tend_risk_to_string (a->risk));
  if (reasons[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", reasons);
      printf ("  Reasons:     %s\n", joined);
    }
  if (a->mitigation != NULL)
    printf ("  Mitigation:  %s\n", a->mitigation);
  if (a->has_forecast)
    {
      g_autofree char *forecast = tend_money_format (a->forecast_amount, a->forecast_currency);
      printf ("  Forecast:    %s\n", forecast);
    }
  if (a->owner != NULL)
    printf ("  Owner:       %s\n", a->owner);
  if (a->next_step != NULL)
    {
      tend_day_format (a->next_step_date, day);
      printf ("  Next step:   %s (by %s)\n", a->next_step, day);
    }
  printf ("  Assessed by: %s at %s\n", a->assessed_by, a->assessed_at);
}

static void
add_assessment_json (JsonBuilder          *b,
                     const TendAssessment *a,
                     const TendAccount    *account,
                     gboolean              is_current)
{
  json_builder_begin_object (b);
  tend_cli_json_add_string_or_null (b, "account_id", a->account_id);
  tend_cli_json_add_string_or_null (b, "name", account != NULL ? account->name : NULL);
  add_assessment_members (b, a);
  json_builder_set_member_name (b, "current");
  json_builder_add_boolean_value (b, is_current);
  json_builder_end_object (b);
}

static int
run_assess (TendCli  *cli,
            int       argc,
            char    **argv)
{
  g_autofree char *risk_text = NULL;
  g_auto(GStrv) reason_texts = NULL;
  g_autofree char *mitigation = NULL;
  g_autofree char *forecast_text = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *next_step = NULL;
  g_autofree char *next_step_date = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "risk", 0, 0, G_OPTION_ARG_STRING, &risk_text, "Risk level: low, medium or high", "LEVEL" },
    { "reason", 0, 0, G_OPTION_ARG_STRING_ARRAY, &reason_texts,
      "A reason (repeatable): price, product_gap, support, champion_loss, budget, competitor, "
      "merger_acquisition, other", "REASON" },
    { "mitigation", 0, 0, G_OPTION_ARG_STRING, &mitigation, "The mitigation plan", "TEXT" },
    { "forecast", 0, 0, G_OPTION_ARG_STRING, &forecast_text, "Forecast renewal amount in major units (1234.50)", "AMOUNT" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, "Currency of the forecast (default: the account's)", "CODE" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, "Who owns the renewal risk", "NAME" },
    { "next-step", 0, 0, G_OPTION_ARG_STRING, &next_step, "The next step (with --next-step-date)", "TEXT" },
    { "next-step-date", 0, 0, G_OPTION_ARG_STRING, &next_step_date, "When the next step is due", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the saved assessment as JSON", NULL },
    { NULL }
  };
  g_autoptr(TendAssessment) draft = tend_assessment_new ();
  g_autoptr(TendAssessment) saved = NULL;
  GError *error = NULL;
  TendBook *book;
  TendRisk risk;
  int status;

  if (!tend_cli_parse_options ("assess", "ACCOUNT_ID - record a renewal risk assessment",
                               entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return tend_cli_usage_error ("assess", "which account? Usage: tend-cli assess ACCOUNT_ID --risk low|medium|high");
  if (argc > 2)
    return tend_cli_usage_error ("assess", "unexpected argument “%s”", argv[2]);
  if (risk_text == NULL)
    return tend_cli_usage_error ("assess", "--risk low|medium|high is required");
  if ((next_step == NULL) != (next_step_date == NULL))
    return tend_cli_usage_error ("assess", next_step != NULL ? "--next-step needs --next-step-date"
                                                              : "--next-step-date needs --next-step");
  if (currency != NULL && forecast_text == NULL)
    return tend_cli_usage_error ("assess", "--currency needs --forecast");

  draft->account_id = g_strdup (argv[1]);
  if (!tend_risk_from_string (risk_text, &risk, &error))
    return tend_cli_fail (error);
  draft->risk = risk;
  for (guint i = 0; reason_texts != NULL && reason_texts[i] != NULL; i++)
    {
      TendRiskReason reason;

      if (!tend_risk_reason_from_string (reason_texts[i], &reason, &error))
        return tend_cli_fail (error);
      draft->reasons |= reason;
    }
  draft->mitigation = g_steal_pointer (&mitigation);
  if (forecast_text != NULL)
    {
      if (!tend_money_parse (forecast_text, FALSE, &draft->forecast_amount, &error))
        {
          g_prefix_error (&error, "--forecast: ");
          return tend_cli_fail (error);
        }
      draft->has_forecast = TRUE;
    }
  draft->forecast_currency = g_steal_pointer (&currency);
  draft->owner = g_steal_pointer (&owner);
  draft->next_step = g_steal_pointer (&next_step);
  if (next_step_date != NULL && !tend_day_parse (next_step_date, &draft->next_step_date, &error))
    {
      g_prefix_error (&error, "--next-step-date: ");
      return tend_cli_fail (error);
    }
  /* Everything the person typed is checked before the workspace opens. */
  if (!tend_assessment_validate (draft, &error))
    return tend_cli_fail (error);

  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  saved = tend_assessment_save (cli->store, book, draft, cli->as_of, &error);
  if (saved == NULL)
    return tend_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      add_assessment_json (b, saved, tend_book_find_account (book, saved->account_id), TRUE);
      tend_cli_print_builder (b);
    }
  else
    print_assessment (saved, tend_book_find_account (book, saved->account_id), TRUE);
  return TEND_CLI_OK;
}

static int
run_assessments (TendCli  *cli,
                 int       argc,
                 char    **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(TendAssessment) current = NULL;
  const TendAccount *account;
  GError *error = NULL;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("assessments", "ACCOUNT_ID - list an account's risk assessments, newest first",
                               entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tend_cli_usage_error ("assessments", "Usage: tend-cli assessments ACCOUNT_ID [--json]");
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if ((account = tend_book_find_account (book, argv[1])) == NULL)
    return tend_cli_fail (g_error_new (TEND_ERROR, TEND_ERROR_NOT_FOUND,
                                       "No account with id “%s” in the workspace; “tend-cli accounts” lists them",
                                       argv[1]));
  if ((history = tend_assessment_list_for_account (cli->store, account->id, &error)) == NULL)
    return tend_cli_fail (error);
  current = tend_assessment_get_current (cli->store, book, account, cli->as_of, &error);
  if (error != NULL)
    return tend_cli_fail (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < history->len; i++)
        {
          const TendAssessment *a = g_ptr_array_index (history, i);
          add_assessment_json (b, a, account, current != NULL && a->id == current->id);
        }
      json_builder_end_array (b);
      tend_cli_print_builder (b);
      return TEND_CLI_OK;
    }
  for (guint i = 0; i < history->len; i++)
    {
      const TendAssessment *a = g_ptr_array_index (history, i);
      print_assessment (a, account, current != NULL && a->id == current->id);
    }
  if (history->len == 0)
    fprintf (stderr, "%s has no risk assessments yet\n", account->name);
  return TEND_CLI_OK;
}

static int
run_milestone (TendCli  *cli,
               int       argc,
               char    **argv)
{
  gboolean undo = FALSE, as_json = FALSE;
  GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, "Uncheck the milestone", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the renewal as JSON afterwards", NULL },
    { NULL }
  };
  g_autoptr(TendRenewal) renewal = NULL;
  TendMilestoneKind kind;
  TendSettings settings;
  GError *error = NULL;
  gboolean ok;
  TendBook *book;
  int status;

  if (!tend_cli_parse_options ("milestone", "ACCOUNT_ID proposal_sent|order_form_signed - check a milestone "
                               "of the account's current renewal", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tend_cli_usage_error ("milestone", "Usage: tend-cli milestone ACCOUNT_ID KIND [--undo]");
  if (!tend_milestone_kind_from_string (argv[2], &kind, &error))
    return tend_cli_fail (error);
  if ((book = tend_cli_book (cli, &error)) == NULL)
    return tend_cli_fail (error);
  if (undo)
    ok = tend_milestone_uncheck (cli->store, book, argv[1], kind, cli->as_of, &error);
  else
    ok = tend_milestone_check (cli->store, book, argv[1], kind, cli->as_of, &error);
  if (!ok)
    return tend_cli_fail (error);

  tend_settings_init_defaults (&settings);
  load_settings (&settings);
  renewal = tend_renewals_get (cli->store, book, argv[1], cli->as_of, &settings, &error);
  tend_settings_clear (&settings);
  if (renewal == NULL)
    return tend_cli_fail (error);
  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      add_renewal_json (b, renewal);
      tend_cli_print_builder (b);
      return TEND_CLI_OK;
    }
  for (guint k = 0; k < TEND_N_MILESTONES; k++)
    {
      const TendMilestone *m = &renewal->milestones[k];
      char due[11];

      tend_day_format (m->due_date, due);
      printf ("%-18s due %s  %s", tend_milestone_kind_to_string (m->kind), due,
              m->is_done ? "done" : m->is_past_due ? "PAST DUE" : "open");
      if (m->is_done)
        printf (" by %s at %s", m->done_by, m->done_at);
      printf ("\n");
    }
  return TEND_CLI_OK;
}

const TendCliCommand tend_cli_renewals_commands[] = {
  { "renewals", "List renewals in the horizon [--days N] [--format table|json|csv|ics] [--output FILE]", run_renewals },
  { "assess", "Record a renewal risk assessment: ACCOUNT_ID --risk low|medium|high ...", run_assess },
  { "assessments", "List an account's risk assessments, newest first [--json]", run_assessments },
  { "milestone", "Check a renewal milestone: ACCOUNT_ID proposal_sent|order_form_signed [--undo]", run_milestone },
  { NULL }
};
